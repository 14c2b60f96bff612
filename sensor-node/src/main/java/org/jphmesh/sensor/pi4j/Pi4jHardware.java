package org.jphmesh.sensor.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jphmesh.sensor.driver.BootConfig;
import org.jphmesh.sensor.driver.DriverUnavailableException;

/**
 * The one Pi4J context of the process, made on first use from the providers on the classpath (linuxfs
 * and gpiod in the jar; the mock plugin only in tests), and the checks that say which hardware is
 * missing before Pi4J is asked for it.
 */
public final class Pi4jHardware {

    private static Context shared;

    private Pi4jHardware() {
    }

    public static synchronized Context context() {
        if (shared == null) {
            shared = Pi4J.newAutoContext();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.shutdown(), "pi4j-shutdown"));
        }
        return shared;
    }

    public static void requireI2c(int bus, String who) {
        require(Path.of("/dev/i2c-" + bus), who + " needs I2C bus " + bus + " (/dev/i2c-" + bus
                + "): enable I2C with raspi-config (Interface Options) or dtparam=i2c_arm=on in " + BootConfig.path());
    }

    /** A PWM chip: the one {@code PI4J_LINUX_PWM_CHIP} names, else any (Pi4J takes 2 on a Pi 5, 0 elsewhere). */
    public static void requirePwm(String who) {
        String chip = System.getenv("PI4J_LINUX_PWM_CHIP");
        String add = " add dtoverlay=pwm (GPIO 18) or dtoverlay=pwm-2chan to " + BootConfig.path();
        if (chip != null) {
            require(Path.of("/sys/class/pwm/pwmchip" + chip.strip()), who + " needs hardware PWM chip " + chip.strip()
                    + " (PI4J_LINUX_PWM_CHIP), which /sys/class/pwm does not have: check ls /sys/class/pwm, or" + add);
            return;
        }
        try (Stream<Path> chips = Files.list(Path.of("/sys/class/pwm"))) {
            if (chips.anyMatch(p -> p.getFileName().toString().startsWith("pwmchip"))) {
                return;
            }
        } catch (IOException e) {
            // no /sys/class/pwm at all: the message below says what to do
        }
        throw new DriverUnavailableException(who + " needs hardware PWM (/sys/class/pwm/pwmchipN):" + add);
    }

    public static void requireGpio(String who) {
        require(Path.of("/dev/gpiochip0"), who + " needs GPIO (/dev/gpiochip0), which this host does not have");
    }

    private static void require(Path device, String message) {
        if (!Files.exists(device)) {
            throw new DriverUnavailableException(message);
        }
    }
}
