package com.trafficrules.makegood.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The traffic system's address goes by two names; delivery is off without either. */
class DeliveryAddressTest {

    @Test
    void theDocumentedNameSetsTheAddress() {
        assertThat(DeliveryProperties.url(new MockEnvironment().withProperty("traffic.makegood.delivery-url", "http://traffic/orders")))
                .isEqualTo("http://traffic/orders");
    }

    @Test
    void theNameAmongTheOtherDeliverySettingsSetsItToo() {
        assertThat(DeliveryProperties.url(new MockEnvironment().withProperty("traffic.makegood.delivery.url", "http://traffic/orders")))
                .isEqualTo("http://traffic/orders");
    }

    @Test
    void withNeitherDeliveryIsOff() {
        assertThat(DeliveryProperties.url(new MockEnvironment())).isEmpty();
        assertThat(DeliveryProperties.url(new MockEnvironment().withProperty("traffic.makegood.delivery-url", " "))).isEmpty();
    }

    @Test
    void twoDifferentAddressesAreAMistakeNotAChoice() {
        MockEnvironment both = new MockEnvironment().withProperty("traffic.makegood.delivery-url", "http://a/orders")
                .withProperty("traffic.makegood.delivery.url", "http://b/orders");

        assertThatThrownBy(() -> DeliveryProperties.url(both)).hasMessageContaining("different addresses");
    }

    @Test
    void anAddressThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> DeliveryProperties.uri("ftp://traffic/orders")).hasMessageContaining("http or https");
    }
}
