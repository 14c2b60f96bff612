package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final String HEADER = "Iface\\tDestination\\tGateway \\tFlags\\tRefCnt\\tUse\\tMetric\\tMask\\t\\tMTU\\tWindow\\tIRTT\\n";

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    @Test
    void a_multicast_route_through_loopback_is_found_as_a_little_endian_kernel_prints_it() throws Exception {
        String table = HEADER.translateEscapes() + "lo\\t000000E0\\t00000000\\t0001\\t0\\t0\\t0\\t000000F0\\t0\\t0\\t0\\n".translateEscapes();
        assertThat(RouteTable.interfaceFor(ip("226.0.0.221"), table, ByteOrder.LITTLE_ENDIAN)).contains("lo");
        assertThat(RouteTable.interfaceFor(ip("10.0.0.1"), table, ByteOrder.LITTLE_ENDIAN)).isEmpty();
    }

    @Test
    void the_most_specific_route_wins_over_the_default_route_and_then_the_lowest_metric() throws Exception {
        String table = HEADER.translateEscapes()
                + "wan7\\t00000000\\t010200C0\\t0003\\t0\\t0\\t0\\t00000000\\t0\\t0\\t0\\n".translateEscapes()
                + "wan8\\t000000E0\\t00000000\\t0001\\t0\\t0\\t600\\t000000F0\\t0\\t0\\t0\\n".translateEscapes()
                + "wan9\\t000000E0\\t00000000\\t0001\\t0\\t0\\t100\\t000000F0\\t0\\t0\\t0\\n".translateEscapes()
                + "wan6\\t000000E0\\t00000000\\t0000\\t0\\t0\\t0\\t000000F0\\t0\\t0\\t0\\n".translateEscapes();
        assertThat(RouteTable.interfaceFor(ip("226.0.0.221"), table, ByteOrder.LITTLE_ENDIAN)).contains("wan9");
        assertThat(RouteTable.interfaceFor(ip("8.8.8.8"), table, ByteOrder.LITTLE_ENDIAN)).contains("wan7");
    }

    @Test
    void a_big_endian_kernel_prints_addresses_in_network_order() throws Exception {
        String table = HEADER.translateEscapes() + "lo\\tE0000000\\t00000000\\t0001\\t0\\t0\\t0\\tF0000000\\t0\\t0\\t0\\n".translateEscapes();
        assertThat(RouteTable.interfaceFor(ip("239.1.2.3"), table, ByteOrder.BIG_ENDIAN)).contains("lo");
    }
}
