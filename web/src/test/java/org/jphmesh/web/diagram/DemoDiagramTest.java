package org.jphmesh.web.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

/** The demo's diagram (docs/diagrams), which ./jph demo shows: it reads well and places codifiers the demo sends. */
class DemoDiagramTest {

    // Tests run in the module folder; the demo config and its diagrams live one level up.
    private static final Path ROOT = Path.of("..");

    @Test
    void the_demo_dashboard_names_the_diagrams_folder_and_its_diagram_places_the_demos_codifiers() throws Exception {
        MeshConfig demo = ConfigLoader.load(ROOT.resolve("config.json").toString());
        SensorConfig dashboard = demo.sensor(Codifier.of("CF")).orElseThrow();
        assertThat(dashboard.sensor().path("Web").path("Diagrams").asText()).as("relative to the repository root, where ./jph runs")
                .isEqualTo("docs/diagrams");

        DiagramFolder folder = new DiagramFolder(ROOT.resolve("docs/diagrams"));
        DiagramFolder.Listing listing = folder.list();

        assertThat(listing.problems()).isEmpty();
        assertThat(listing.diagrams()).extracting(Diagram::name).containsExactly("greenhouse");
        Diagram greenhouse = listing.diagrams().get(0);
        assertThat(greenhouse.items()).isNotEmpty().allSatisfy(item ->
                assertThat(demo.sensor(Codifier.of(item.code()))).as(item.code()).isPresent());
        assertThat(folder.image(greenhouse)).hasValueSatisfying(image -> assertThat(image.toFile().length()).isPositive());
    }
}
