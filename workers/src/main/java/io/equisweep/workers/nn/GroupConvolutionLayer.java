package io.equisweep.workers.nn;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link LiftingConv} and {@link GroupConv}: expands the filters, then runs ND4J's
 * {@code conv2d} forward and {@code conv2d_bp} backward (oneDNN in the onednn build), with explicit
 * backprop: no duplicated forward pass, and none of SameDiff's doubled gradients.
 */
public final class GroupConvolutionLayer extends BaseLayer<GroupConvolution> {
    private transient FilterExpansion expansion;

    public GroupConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private FilterExpansion expansion() {
        if (expansion == null) {
            expansion = layerConf().expansion();
        }
        return expansion;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    private Conv2DConfig config() {
        GroupConvolution c = layerConf();
        return Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                .pH(c.padding()).pW(c.padding()).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.OIYX).build();
    }

    private void checkInput() {
        GroupConvolution c = layerConf();
        long channels = c.getNIn() * c.inputOrder();
        if (input.rank() != 4 || input.size(1) != channels) {
            throw new DL4JInvalidInputException(c.getClass().getSimpleName() + " '" + c.getLayerName()
                    + "' expected input [batch, " + channels + ", h, w] (" + c.getNIn() + " fields × " + c.inputOrder()
                    + " group elements), got " + Arrays.toString(input.shape()) + " " + layerId());
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        GroupConvolution c = layerConf();
        INDArray in = input.castTo(dataType);
        INDArray weights = expansion().expand(getParam(GroupConvolutionParams.WEIGHT));
        long h = c.outputSize(in.size(2));
        long w = c.outputSize(in.size(3));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {in.size(0), c.getNOut() * c.group().order(), h, w}, 'c');
        INDArray bias = c.hasBias() ? expansion().expandBias(getParam(GroupConvolutionParams.BIAS)) : null;
        INDArray[] inputs = bias == null ? new INDArray[] {in, weights} : new INDArray[] {in, weights, bias};
        Nd4j.exec(new Conv2D(inputs, new INDArray[] {out}, config()));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        GroupConvolution c = layerConf();
        INDArray in = input.castTo(dataType);
        if (c.networkInput()) {
            return new Pair<>(weightGradientOnly(in, epsilon.castTo(dataType)), null);
        }
        INDArray weights = expansion().expand(getParam(GroupConvolutionParams.WEIGHT));
        INDArray epsIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.shape(), 'c');
        INDArray weightGrad = Nd4j.createUninitialized(dataType, weights.shape(), 'c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
        INDArray biasGrad = null;
        if (c.hasBias()) {
            biasGrad = Nd4j.createUninitialized(dataType, c.getNOut() * c.group().order());
            op.addInputs(in, weights, expansion().expandBias(getParam(GroupConvolutionParams.BIAS)),
                    epsilon.castTo(dataType)).addOutputs(epsIn, weightGrad, biasGrad);
        } else {
            op.addInputs(in, weights, epsilon.castTo(dataType)).addOutputs(epsIn, weightGrad);
        }
        // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0 = explicit), data format (0 = NCHW), weights (1 = OIYX)
        op.addIntegerArguments(c.kernel(), c.kernel(), c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0, 0, 1);
        Nd4j.exec(op.build());
        return new Pair<>(fold(weightGrad, biasGrad), epsIn);
    }

    /**
     * The gradient of the expanded filters without the input gradient: im2col, one batched GEMM
     * ε[b] (O × P) · col[b]ᵀ (P × K), summed over the batch; the bias gradient as ε summed over batch and pixels.
     */
    private Gradient weightGradientOnly(INDArray in, INDArray epsilon) {
        GroupConvolution c = layerConf();
        int k = c.kernel();
        long batch = in.size(0);
        long channelsIn = in.size(1);
        long h = epsilon.size(2);
        long w = epsilon.size(3);
        INDArray columns = Nd4j.createUninitialized(dataType, batch, channelsIn, k, k, h, w);
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode (0: explicit padding); padding value
        Nd4j.exec(DynamicCustomOp.builder("im2col").addInputs(in).addOutputs(columns)
                .addIntegerArguments(k, k, c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0)
                .addFloatingPointArguments(0.0).build());
        long channelsOut = epsilon.size(1);
        INDArray eps = epsilon.dup('c').reshape('c', batch, channelsOut, h * w);
        INDArray perExample = Nd4j.createUninitialized(dataType, batch, channelsOut, channelsIn * k * k);
        // transpose A, transpose B, transpose result
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(eps, columns.reshape('c', batch, channelsIn * k * k, h * w))
                .addOutputs(perExample).addIntegerArguments(0, 1, 0).build());
        INDArray weightGrad = perExample.sum(0).reshape('c', channelsOut, channelsIn, k, k);
        INDArray biasGrad = c.hasBias() ? eps.sum(0, 2) : null;
        return fold(weightGrad, biasGrad);
    }

    /** Folds the expanded filters' (and biases') gradients into the layer's parameter gradients. */
    private Gradient fold(INDArray weightGrad, INDArray biasGrad) {
        Gradient gradient = new DefaultGradient();
        INDArray weightView = gradientViews.get(GroupConvolutionParams.WEIGHT);
        expansion().fold(weightGrad, weightView);
        gradient.setGradientFor(GroupConvolutionParams.WEIGHT, weightView);
        if (biasGrad != null) {
            INDArray biasView = gradientViews.get(GroupConvolutionParams.BIAS);
            expansion().foldBias(biasGrad, biasView);
            gradient.setGradientFor(GroupConvolutionParams.BIAS, biasView);
        }
        return gradient;
    }
}
