package org.jphmesh.sensor.line;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;

/**
 * {@code Port} at {@code Baud}, 8 data bits, no parity, one stop bit, through jSerialComm. The port object is
 * made at each open: after a USB device is unplugged and plugged in, its path may name a new device.
 */
record SerialTransport(String port, int baud) implements LineTransport {

    // Short enough that closing the driver is prompt, long enough that an idle device costs nothing.
    private static final int POLL_MILLIS = 250;
    private static final int WRITE_TIMEOUT_MILLIS = 2_000;

    @Override
    public LinePort open() throws IOException {
        SerialPort serial;
        try {
            serial = SerialPort.getCommPort(port);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no such device (is it plugged in?)", e);
        }
        serial.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        serial.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                POLL_MILLIS, WRITE_TIMEOUT_MILLIS);
        if (!serial.openPort()) {
            throw new IOException("cannot open " + port + " (error " + serial.getLastErrorCode()
                    + "; is it plugged in, and is the node's user in the dialout group?)");
        }
        return new LinePort() {
            @Override
            public int read(byte[] buffer) throws IOException {
                // jSerialComm: 0 when the wait ended without data, -1 when the device is gone (unplugged, pty closed).
                int count = serial.readBytes(buffer, buffer.length);
                if (count < 0 || !serial.isOpen()) {
                    return -1;
                }
                return count;
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                if (serial.writeBytes(bytes, bytes.length) != bytes.length) {
                    throw new IOException("cannot write to " + port + " (error " + serial.getLastErrorCode() + ")");
                }
            }

            @Override
            public void close() {
                serial.closePort();
            }
        };
    }

    @Override
    public String describe() {
        return port;
    }
}
