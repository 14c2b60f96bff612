package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceivePathTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ReceivePath.PROPERTY);
    }

    @Test
    void auto_takes_epoll_where_it_loads_and_nio_elsewhere() {
        assertThat(ReceivePath.configured()).isEqualTo(Epoll.isAvailable() ? ReceivePath.EPOLL : ReceivePath.NIO);
    }

    @Test
    void nio_can_be_forced() {
        System.setProperty(ReceivePath.PROPERTY, "NIO");
        assertThat(ReceivePath.configured()).isEqualTo(ReceivePath.NIO);
    }

    @Test
    void an_unknown_path_names_the_property_and_the_choices() {
        System.setProperty(ReceivePath.PROPERTY, "uring");
        assertThatThrownBy(ReceivePath::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jph.transport.receive must be auto, epoll or nio, not 'uring'");
    }

    @Test
    void an_epoll_socket_hears_a_group_on_every_interface_that_joined_it_as_linux_and_the_legacy_nodes_do() {
        var channel = ReceivePath.EPOLL.newChannel();
        try {
            ReceivePath.EPOLL.configure(channel);
            assertThat(channel.config().getOption(EpollChannelOption.IP_MULTICAST_ALL)).isTrue();
            assertThat(channel.config().getOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE)).isEqualTo(8193);
        } finally {
            channel.unsafe().closeForcibly();
        }
    }

    @Test
    void both_paths_report_the_receive_buffer_the_kernel_granted_not_twice_it() throws Exception {
        int rmemMax = Integer.parseInt(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/core/rmem_max")).get(0));
        int asked = Math.min(rmemMax, 1 << 20);
        for (ReceivePath path : ReceivePath.values()) {
            var channel = path.newChannel();
            var loop = new io.netty.channel.MultiThreadIoEventLoopGroup(1, path.ioHandlerFactory());
            try {
                loop.register(channel).sync();
                channel.config().setReceiveBufferSize(asked);
                assertThat(path.grantedReceiveBuffer(channel)).as(path.name()).isEqualTo(asked);
            } finally {
                channel.close().sync();
                loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
            }
        }
    }

    @Test
    void the_linux_build_machines_load_epoll() {
        // The packages ship the x86_64 and aarch64 native libraries; a build that lost them would fall back silently.
        assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
    }
}
