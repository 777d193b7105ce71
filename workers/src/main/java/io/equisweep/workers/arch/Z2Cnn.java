package io.equisweep.workers.arch;

import io.equisweep.workers.symmetry.Group;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's MNIST network without group structure (Cohen &amp; Welling's Z2CNN layout): seven 3×3/4×4
 * convolutions of 20 channels, each followed by batch norm and ReLU, one 2×2/2 max pool after the
 * second, global average pooling and a dense softmax classifier. 25,210 trainable parameters for one
 * input channel (25,570 for three).
 *
 * <p>The pool sees the full input size n (the 3×3 convolutions are padded), so the network samples
 * symmetrically only for even n.
 */
public final class Z2Cnn implements Architecture {
    static final int WIDTH = 20;

    @Override
    public String name() {
        return "z2cnn";
    }

    @Override
    public Group group() {
        return Group.C1;
    }

    @Override
    public List<LayerGeometry> layers() {
        List<LayerGeometry> layers = new ArrayList<>();
        layers.add(LayerGeometry.conv("conv1", 3, 1, 1, 1, WIDTH));
        layers.add(LayerGeometry.conv("conv2", 3, 1, 1, WIDTH, WIDTH));
        layers.add(LayerGeometry.pool("pool", 2, 2, WIDTH));
        for (int i = 3; i <= 6; i++) {
            layers.add(LayerGeometry.conv("conv" + i, 3, 1, 1, WIDTH, WIDTH));
        }
        layers.add(LayerGeometry.conv("conv7", 4, 1, 0, WIDTH, WIDTH));
        return layers;
    }

    @Override
    public ComputationGraphConfiguration configure(NeuralNetConfiguration.Builder base, NetworkShape shape) {
        Sequence seq = new Sequence(base.graphBuilder().addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.inputSize(), shape.inputSize(), shape.channels())));
        seq.convBlock("1", 3, 1, shape.dropout());
        seq.convBlock("2", 3, 1, 0);
        seq.add("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate).build());
        for (int i = 3; i <= 6; i++) {
            seq.convBlock(Integer.toString(i), 3, 1, i % 2 == 0 ? shape.dropout() : 0);
        }
        seq.convBlock("7", 4, 0, 0);
        seq.add("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        seq.add(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .activation(Activation.SOFTMAX).nOut(shape.classes()).build());
        return seq.builder.setOutputs(OUTPUT).build();
    }

    /** Appends layers one after another. */
    private static final class Sequence {
        final ComputationGraphConfiguration.GraphBuilder builder;
        String last = INPUT;

        Sequence(ComputationGraphConfiguration.GraphBuilder builder) {
            this.builder = builder;
        }

        void add(String name, Layer layer) {
            builder.addLayer(name, layer, last);
            last = name;
        }

        void convBlock(String suffix, int kernel, int padding, double dropout) {
            add("conv" + suffix, new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).padding(padding, padding)
                    .nOut(WIDTH).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).build());
            add("bn" + suffix, new BatchNormalization.Builder().build());
            add("relu" + suffix, new ActivationLayer.Builder().activation(Activation.RELU).build());
            if (dropout > 0) {
                // DL4J's Dropout takes the probability of *keeping* an activation.
                add("drop" + suffix, new DropoutLayer.Builder().dropOut(new Dropout(1.0 - dropout)).build());
            }
        }
    }
}
