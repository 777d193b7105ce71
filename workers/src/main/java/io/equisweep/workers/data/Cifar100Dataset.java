package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.List;
import java.util.Map;

/**
 * CIFAR-100 from its binary version in a folder ({@code cifar-100-binary} as distributed: {@code train.bin},
 * {@code test.bin}), labelled by its 100 fine classes or, with option {@code labels: coarse}, its 20 superclasses.
 */
final class Cifar100Dataset extends CifarDataset {
    static final String NAME = "cifar100";
    static final String FINE = "fine";
    static final String COARSE = "coarse";

    Cifar100Dataset(String defaultDir) {
        super(defaultDir);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Map<String, String> fileOptions() {
        Map<String, String> d = super.fileOptions();
        d.put("labels", FINE);
        return d;
    }

    @Override
    public List<String> validate(Map<String, String> options) {
        List<String> problems = new java.util.ArrayList<>(super.validate(options));
        String labels = options.get("labels");
        if (labels != null && !FINE.equals(labels) && !COARSE.equals(labels)) {
            problems.add("option 'labels' must be 'fine' (100 classes) or 'coarse' (20 superclasses), got '" + labels + "'");
        }
        return problems;
    }

    /** The files' identity and the split options, plus which labels are read. */
    @Override
    public String identity(DatasetSpec spec) {
        return super.identity(spec) + "labels=" + spec.option("labels");
    }

    @Override
    List<String> trainFileNames() {
        return List.of(CifarReader.CIFAR100_TRAIN_FILE);
    }

    @Override
    String testFileName() {
        return CifarReader.CIFAR100_TEST_FILE;
    }

    @Override
    CifarReader.Layout layout(DatasetSpec spec) {
        return COARSE.equals(spec.option("labels")) ? CifarReader.CIFAR100_COARSE : CifarReader.CIFAR100_FINE;
    }

    @Override
    String origin() {
        return "CIFAR-100's binary version (cifar-100-binary.tar.gz from the dataset's home page at the University of "
                + "Toronto) unpacks to cifar-100-binary/; point the dataset's 'dir' option at that folder";
    }
}
