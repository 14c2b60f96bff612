package org.jphmesh.web.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagramReaderTest {

    @Test
    void a_diagram_is_named_after_its_file_and_keeps_its_items_in_order() {
        Diagram diagram = DiagramReader.read("plant.json", "{\"image\": \"plant.svg\", \"title\": \"Cooling loop\","
                + " \"items\": [{\"code\": \"A4\", \"x\": 120, \"y\": 80, \"label\": \"MAD out\"}, {\"code\": \"G1\", \"x\": 0.5, \"y\": 3}]}");

        assertThat(diagram).isEqualTo(new Diagram("plant", "Cooling loop", "plant.svg", null, null, List.of(
                new DiagramItem("A4", 120, 80, "MAD out"), new DiagramItem("G1", 0.5, 3, null))));
    }

    @Test
    void without_a_title_the_name_is_the_title_and_a_frame_size_may_be_given() {
        Diagram diagram = DiagramReader.read("shed.json", "{\"image\": \"Shed.PNG\", \"width\": 800, \"height\": 600, \"items\": []}");

        assertThat(diagram.title()).isEqualTo("shed");
        assertThat(diagram.width()).isEqualTo(800.0);
        assertThat(diagram.height()).isEqualTo(600.0);
        assertThat(DiagramReader.isSvg(diagram.image())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"image\": \"p.svg\", \"items\": [{\"code\": \"ABC\", \"x\": 1, \"y\": 1}]} | p.json: items[0].code must be a two-character codifier like G1, not \"ABC\"",
            "{\"image\": \"p.svg\", \"items\": [{\"x\": 1, \"y\": 1}]}                  | p.json: items[0].code must be a two-character codifier like G1, not missing",
            "{\"image\": \"p.svg\", \"items\": [{\"code\": \"G1\", \"x\": \"1\", \"y\": 1}]} | p.json: items[0].x must be a number >= 0",
            "{\"image\": \"p.svg\", \"items\": [{\"code\": \"G1\", \"x\": 1, \"y\": -2}]} | p.json: items[0].y must be a number >= 0",
            "{\"image\": \"p.svg\", \"items\": [{\"code\": \"G1\", \"x\": 1, \"y\": 2, \"lable\": \"a\"}]} | p.json: items[0].lable is not a key here",
            "{\"image\": \"../etc/p.svg\", \"items\": []}                                | p.json: image must be the name of a .svg or .png file in the same folder",
            "{\"image\": \"notes.txt\", \"items\": []}                                   | p.json: image must be the name of a .svg or .png file",
            "{\"image\": \".svg\", \"items\": []}                                        | p.json: image must be the name",
            "{\"items\": []}                                                           | p.json: image is missing",
            "{\"image\": \"p.svg\"}                                                      | p.json: items must be a list",
            "{\"image\": \"p.svg\", \"items\": [], \"width\": 0}                          | p.json: width must be a number > 0",
            "{\"image\": \"p.svg\", \"items\": [], \"title\": 5}                          | p.json: title must be text, not 5",
            "{\"image\": \"p.svg\", \"items\": [],}                                      | p.json: not valid JSON at line 1",
            "{\"image\": \"p.svg\", \"image\": \"q.svg\", \"items\": []}                  | p.json: not valid JSON at line 1",
            "[]                                                                        | p.json: must be a JSON object",
    })
    void a_mistake_is_refused_with_the_file_and_the_key_named(String json, String message) {
        assertThatThrownBy(() -> DiagramReader.read("p.json", json))
                .isInstanceOf(DiagramException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void a_file_name_that_could_not_be_an_address_is_refused() {
        assertThatThrownBy(() -> DiagramReader.read("my plant.json", "{\"image\": \"p.svg\", \"items\": []}"))
                .isInstanceOf(DiagramException.class)
                .hasMessageStartingWith("my plant.json: the file name must be letters, digits");
    }
}
