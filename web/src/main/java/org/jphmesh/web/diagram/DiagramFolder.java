package org.jphmesh.web.diagram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured diagrams folder ({@code Sensor.Web.Diagrams}), read when asked: a diagram added or edited shows
 * at the next page load, without a restart. Each JSON file is parsed again only when its time or size changed,
 * and a bad one is logged once per change and reported in {@link Listing#problems()}, never stopping anything.
 * Only regular files whose real path lies in the folder are read: a symbolic link out of it counts as absent.
 */
public final class DiagramFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DiagramFolder.class);
    // Bounds for a folder an operator fills by hand: far above any plant, far below what could hurt the dashboard.
    private static final int MAX_FILES = 200;
    private static final long MAX_JSON_BYTES = 1 << 20;

    private final Path folder;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    /** {@code folder}: null when the entry names none; then there are no diagrams. */
    public DiagramFolder(Path folder) {
        this.folder = folder;
    }

    public boolean configured() {
        return folder != null;
    }

    /** Every diagram of the folder that reads well, by title, and a problem for each file that does not. */
    public Listing list() {
        if (folder == null) {
            return new Listing(List.of(), List.of());
        }
        List<Diagram> diagrams = new ArrayList<>();
        List<DiagramProblem> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot read the diagrams folder {}: {}", folder, e.toString());
            return new Listing(List.of(), List.of(new DiagramProblem(folder.toString(), "cannot read the folder: " + e)));
        }
        if (files.size() > MAX_FILES) {
            problems.add(new DiagramProblem(folder.toString(), files.size() + " JSON files; only the first " + MAX_FILES
                    + " are read"));
            files = files.subList(0, MAX_FILES);
        }
        for (Path file : files) {
            Parsed result = read(file);
            if (result.diagram() != null) {
                diagrams.add(result.diagram());
            } else if (result.problem() != null) {
                problems.add(result.problem());
            }
        }
        parsed.keySet().retainAll(files.stream().map(p -> p.getFileName().toString()).toList());
        diagrams.sort(Comparator.comparing(Diagram::title, String.CASE_INSENSITIVE_ORDER).thenComparing(Diagram::name));
        return new Listing(diagrams, problems);
    }

    /**
     * The diagram called {@code name} ({@link DiagramReader#NAME}), empty when there is no such file; a file that
     * does not read well throws its {@link DiagramException}.
     */
    public Optional<Diagram> find(String name) {
        if (folder == null || !DiagramReader.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Parsed result = read(folder.resolve(name + ".json"));
        if (result.problem() != null) {
            throw new DiagramException(result.problem().error());
        }
        return Optional.ofNullable(result.diagram());
    }

    /** The diagram's image file, when it is a regular file whose real path lies in the folder. */
    public Optional<Path> image(Diagram diagram) {
        return inside(folder.resolve(diagram.image()));
    }

    private Optional<Path> inside(Path file) {
        try {
            Path real = file.toRealPath();
            return real.startsWith(folder.toRealPath()) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Parsed read(Path file) {
        String name = file.getFileName().toString();
        Optional<Path> real = inside(file);
        if (real.isEmpty()) {
            parsed.remove(name);
            return Parsed.ABSENT;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real.get(), BasicFileAttributes.class);
        } catch (IOException e) {
            return Parsed.ABSENT;
        }
        Parsed known = parsed.get(name);
        if (known != null && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return known;
        }
        Parsed fresh = parse(name, real.get(), attributes);
        if (fresh.problem() != null) {
            LOG.warn("diagram {} is not used: {}", name, fresh.problem().error());
        }
        parsed.put(name, fresh);
        return fresh;
    }

    private static Parsed parse(String name, Path file, BasicFileAttributes attributes) {
        FileTime modified = attributes.lastModifiedTime();
        if (attributes.size() > MAX_JSON_BYTES) {
            return new Parsed(modified, attributes.size(), null,
                    new DiagramProblem(name, name + ": larger than 1 MiB; a diagram's JSON is a few kilobytes"));
        }
        try {
            Diagram diagram = DiagramReader.read(name, Files.readString(file, StandardCharsets.UTF_8));
            return new Parsed(modified, attributes.size(), diagram, null);
        } catch (DiagramException e) {
            return new Parsed(modified, attributes.size(), null, new DiagramProblem(name, e.getMessage()));
        } catch (IOException e) {
            return new Parsed(modified, attributes.size(), null, new DiagramProblem(name, name + ": cannot be read: " + e));
        }
    }

    /** What the folder holds: the diagrams that read well and a problem for each file that does not. */
    public record Listing(List<Diagram> diagrams, List<DiagramProblem> problems) {
        public Listing {
            diagrams = List.copyOf(diagrams);
            problems = List.copyOf(problems);
        }
    }

    private record Parsed(FileTime modified, long size, Diagram diagram, DiagramProblem problem) {
        static final Parsed ABSENT = new Parsed(FileTime.fromMillis(0), -1, null, null);
    }
}
