package com.trafficrules.rotation;

import com.trafficrules.policy.InterstitialType;
import java.util.List;

/** What a spot is, as sent: shared by logged spots and build candidates. */
interface SpotFields {

    String id();

    Long lengthMs();

    String advertiser();

    List<String> productCodes();

    String creativeId();

    InterstitialType type();

    Integer priority();

    SoldPosition position();

    List<String> dayparts();
}
