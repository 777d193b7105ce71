package io.equisweep.workers.arch;

import static io.equisweep.workers.nn.GroupConvKind.FULL;
import static io.equisweep.workers.nn.GroupConvKind.SEPARABLE;

import io.equisweep.workers.arch.PreActResNet.Head;
import io.equisweep.workers.symmetry.Group;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of architectures by spec name. */
public final class Architectures {
    private static final Map<String, Architecture> BY_NAME = new LinkedHashMap<>();

    static {
        register(new MnistGCnn("z2cnn", Group.C1, 20));
        register(new MnistGCnn("p4cnn", Group.C4, 10));
        register(new MnistGCnn("p4mcnn", Group.D4, 7));
        register(PreActResNet.resNet44("resnet44-z2", Group.C1, 32, Head.ALL_CHANNELS, FULL));
        register(PreActResNet.resNet44("resnet44-p4", Group.C4, 16, Head.ALL_CHANNELS, FULL));
        register(PreActResNet.resNet44("resnet44-p4m", Group.D4, 12, Head.ALL_CHANNELS, FULL));
        register(PreActResNet.resNet44("resnet44-p4-cosetpool", Group.C4, 16, Head.COSET_POOL_THEN_AVERAGE, FULL));
        register(PreActResNet.resNet44("resnet44-p4m-cosetpool", Group.D4, 12, Head.COSET_POOL_THEN_AVERAGE, FULL));
        register(PreActResNet.resNet44("resnet44-p4-gc", Group.C4, 47, Head.ALL_CHANNELS, SEPARABLE));
        register(PreActResNet.resNet44("resnet44-p4m-gc", Group.D4, 35, Head.ALL_CHANNELS, SEPARABLE));
        register(PreActResNet.resNet18("resnet18-z2", Group.C1, 64, Head.ALL_CHANNELS));
        register(PreActResNet.resNet18("resnet18-p4", Group.C4, 32, Head.ALL_CHANNELS));
        register(PreActResNet.resNet18("resnet18-p4m", Group.D4, 23, Head.ALL_CHANNELS));
        register(PreActResNet.resNet18("resnet18-p4-cosetpool", Group.C4, 32, Head.COSET_POOL_THEN_AVERAGE));
        register(PreActResNet.resNet18("resnet18-p4m-cosetpool", Group.D4, 23, Head.COSET_POOL_THEN_AVERAGE));
        register(PreActResNet.resNet18("resnet18-p4-gc", Group.C4, 90, Head.ALL_CHANNELS, SEPARABLE));
        register(PreActResNet.resNet18("resnet18-p4m-gc", Group.D4, 64, Head.ALL_CHANNELS, SEPARABLE));
        register(PreActResNet.resNet44("resnet44-z2-pcam", Group.C1, 8, 14, 28, Head.ALL_CHANNELS));
        register(PreActResNet.resNet44("resnet44-p4-pcam", Group.C4, 4, 7, 14, Head.AVERAGE_THEN_COSET_POOL));
    }

    private Architectures() {
    }

    private static void register(Architecture a) {
        BY_NAME.put(a.name(), a);
    }

    public static Optional<Architecture> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Architecture get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown architecture '" + name + "'; valid: " + String.join(", ", names())));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
