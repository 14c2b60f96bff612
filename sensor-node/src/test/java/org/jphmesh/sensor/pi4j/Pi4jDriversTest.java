package org.jphmesh.sensor.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.time.Duration;
import java.util.List;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Pi4J drivers against Pi4J's mock providers: no hardware, real Pi4J. */
class Pi4jDriversTest {

    private final Context pi4j = Pi4J.newContextBuilder()
            .add(MockI2CProvider.newInstance(), MockPwmProvider.newInstance(), MockDigitalInputProvider.newInstance())
            .build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void the_adc_pi_converts_each_input_on_its_chip_and_sends_voltage_and_value_as_json() throws Exception {
        MeshConfig config = Entries.config("{\"Codifier\":\"A1\",\"Type\":\"ADCpiReader\",\"Sensor\":{\"Pin\":\"2\","
                + "\"Formula\":\"voltage * 10\",\"Proxy\":[{\"Codifier\":\"A2\",\"Pin\":\"6\"}]}}");
        AdcPiDriver driver = new AdcPiDriver(Entries.entry(config, "A1"), config, pi4j);
        I2C first = pi4j.registry().get("A1-adc-68");
        I2C second = pi4j.registry().get("A1-adc-69");
        // The chips' replies: 16-bit data then the config byte with RDY clear (conversion done).
        first.write(new byte[] {0x10, 0x00, 0x28});
        second.write(new byte[] {(byte) 0xF0, 0x00, 0x28});

        ReadResult result = driver.read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.GOOD);
        assertThat(result.readings()).containsExactly(
                new Reading(Codifier.of("A1"), new JsonReading("{\"voltage\":0.6326,\"value\":6.33}")),
                new Reading(Codifier.of("A2"), new JsonReading("{\"voltage\":-0.6326,\"value\":-6.33}")));
        // Each chip was told: start a one-shot 16-bit conversion of channel 2 (index 1) of its four.
        assertThat((byte) first.read()).isEqualTo((byte) 0xA8);
        assertThat((byte) second.read()).isEqualTo((byte) 0xA8);
        driver.close();
    }

    @Test
    void the_default_formula_turns_a_thermistor_at_half_supply_into_25_degrees() throws Exception {
        double voltage = 2.5;
        double value = new com.ezylang.evalex.Expression(AdcPiDriver.DEFAULT_FORMULA).with("voltage", voltage)
                .evaluate().getNumberValue().doubleValue();
        assertThat(value).isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void the_fan_follows_set_and_step_clamped_to_0_to_100_percent() {
        MeshConfig config = Entries.config("{\"Codifier\":\"FK\",\"Type\":\"fanControl\",\"Control\":\"enabled\"}");
        FanControlDriver fan = new FanControlDriver(Entries.entry(config, "FK"), config, pi4j);
        Codifier fk = Codifier.of("FK");
        Codifier ck = Codifier.of("CK");

        assertThat(fan.read().readings()).containsExactly(new Reading(fk, Readings.of(0.0)));
        com.pi4j.io.pwm.Pwm pwm = pi4j.registry().get("FK-fan");
        assertThat(pwm.isOn()).isFalse();
        fan.onControl(Frame.control(1, 1, Flag.SET, ck, fk, 60, true));
        assertThat(fan.read().readings()).containsExactly(new Reading(fk, Readings.of(60.0)));
        assertThat(pwm.isOn()).isTrue();
        assertThat(pwm.dutyCycle()).isEqualTo(60f);
        assertThat(pwm.frequency()).isEqualTo(25_000);
        fan.onControl(Frame.control(2, 1, Flag.STEP, ck, fk, 55, true));
        assertThat(fan.read().readings()).containsExactly(new Reading(fk, Readings.of(100.0)));
        fan.onControl(Frame.control(3, 1, Flag.SET, ck, fk, -20, true));
        assertThat(fan.read().readings()).containsExactly(new Reading(fk, Readings.of(0.0)));
        assertThat(pwm.isOn()).isFalse();
        fan.close();
    }

    @Test
    void a_door_contact_reports_each_settled_change_at_once_and_its_state_as_a_heartbeat() {
        MeshConfig config = Entries.config("{\"Codifier\":\"D1\",\"Type\":\"GpioInput\",\"Sensor\":{\"Pin\":17,"
                + "\"Pull\":\"up\",\"Debounce\":20,\"High\":\"open\",\"Low\":\"closed\"}}");
        GpioInputDriver door = new GpioInputDriver(Entries.entry(config, "D1"), config, pi4j);
        RecordingDriverContext context = new RecordingDriverContext("D1");
        List<Reading> published = context.published;
        door.start(context);
        MockDigitalInput pin = pi4j.registry().get("D1-gpio");
        pin.mockState(DigitalState.LOW);
        assertThat(door.read().readings()).containsExactly(new Reading(Codifier.of("D1"), Readings.text("closed")));

        pin.mockState(DigitalState.HIGH);

        await().atMost(Duration.ofSeconds(2)).until(() -> !published.isEmpty());
        assertThat(published).containsExactly(new Reading(Codifier.of("D1"), Readings.text("open")));
        assertThat(door.read().readings()).containsExactly(new Reading(Codifier.of("D1"), Readings.text("open")));
        door.close();
    }
}
