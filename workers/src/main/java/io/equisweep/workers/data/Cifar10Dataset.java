package io.equisweep.workers.data;

import io.equisweep.workers.cell.DatasetSpec;
import java.util.List;

/** CIFAR-10 from its binary batches in a folder ({@code cifar-10-batches-bin} as distributed). */
final class Cifar10Dataset extends CifarDataset {
    static final String NAME = "cifar10";

    Cifar10Dataset(String defaultDir) {
        super(defaultDir);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    List<String> trainFileNames() {
        return CifarReader.CIFAR10_TRAIN_FILES;
    }

    @Override
    String testFileName() {
        return CifarReader.CIFAR10_TEST_FILE;
    }

    @Override
    CifarReader.Layout layout(DatasetSpec spec) {
        return CifarReader.CIFAR10;
    }

    @Override
    String origin() {
        return "CIFAR-10's binary version (cifar-10-binary.tar.gz from the dataset's home page at the University of "
                + "Toronto) unpacks to cifar-10-batches-bin/; point the dataset's 'dir' option at that folder";
    }
}
