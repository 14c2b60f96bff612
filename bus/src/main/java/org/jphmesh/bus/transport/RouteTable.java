package org.jphmesh.bus.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's IPv4 routes as {@code /proc/net/route} lists them (the main table), for the one question the
 * transport asks: which interface a group is routed through. A connected socket's source address cannot always
 * tell: a route like {@code 224.0.0.0/4 dev lo} gives it an address of another device, or none.
 */
final class RouteTable {

    private static final Path PROC_ROUTES = Path.of("/proc/net/route");
    private static final int RTF_UP = 0x1;

    private RouteTable() {
    }

    /** The interface of the most specific route to {@code address} (lowest metric among equals), from the kernel. */
    static Optional<String> interfaceFor(Inet4Address address) {
        try {
            return interfaceFor(address, Files.readString(PROC_ROUTES), ByteOrder.nativeOrder());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The same, from the text of a route table whose addresses are printed in {@code order}. */
    static Optional<String> interfaceFor(Inet4Address address, String table, ByteOrder order) {
        int target = ByteBuffer.wrap(address.getAddress()).getInt();
        String best = null;
        int bestPrefix = -1;
        long bestMetric = Long.MAX_VALUE;
        for (String line : table.lines().skip(1).toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 8 || (Integer.parseInt(columns[3], 16) & RTF_UP) == 0) {
                continue;
            }
            int destination = address(columns[1], order);
            int mask = address(columns[7], order);
            long metric = Long.parseLong(columns[6]);
            int prefix = Integer.bitCount(mask);
            if ((target & mask) == destination
                    && (prefix > bestPrefix || prefix == bestPrefix && metric < bestMetric)) {
                best = columns[0];
                bestPrefix = prefix;
                bestMetric = metric;
            }
        }
        return Optional.ofNullable(best);
    }

    // The kernel prints each address as the 32-bit word it stores in network order, read in the host's order.
    private static int address(String hex, ByteOrder order) {
        int word = (int) Long.parseLong(hex, 16);
        return order == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(word) : word;
    }
}
