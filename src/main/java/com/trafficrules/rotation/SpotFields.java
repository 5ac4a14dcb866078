package com.trafficrules.rotation;

import java.util.List;

/** What a spot is, as sent: shared by logged spots and build candidates. */
interface SpotFields {

    String id();

    Long lengthMs();

    String advertiser();

    List<String> productCodes();

    String creativeId();

    String type();

    Integer priority();

    String position();

    List<String> dayparts();
}
