package org.jphmesh.bus.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.codec.MalformedFrameException;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Decode and encode of legacy datagrams, one thread (one core). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-Dio.netty.leakDetection.level=disabled"})
@Threads(1)
public class FrameCodecBenchmark {

    private ByteBuf dataDatagram;
    private ByteBuf controlDatagram;
    private ByteBuf out;
    private Frame reading;

    @Setup
    public void setUp() {
        dataDatagram = direct("e90300000000000018a66d01a20100006654314040000000040000000000ac41");
        controlDatagram = direct("070000000000000018a66d01a201000050434354310000000900000000002ada16207a4201");
        out = Unpooled.directBuffer(64);
        reading = Frame.data(1001, 1_795_320_292_888L, Codifier.of("T1"), new FloatReading(21.5f));
    }

    @TearDown
    public void tearDown() {
        dataDatagram.release();
        controlDatagram.release();
        out.release();
    }

    @Benchmark
    public Frame decodeFloatReading() throws MalformedFrameException {
        return FrameCodec.decode(dataDatagram);
    }

    @Benchmark
    public Frame decodeControlFrame() throws MalformedFrameException {
        return FrameCodec.decode(controlDatagram);
    }

    @Benchmark
    public int encodeFloatReading() {
        out.clear();
        FrameCodec.encode(reading, out);
        return out.writerIndex();
    }

    private static ByteBuf direct(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }
}
