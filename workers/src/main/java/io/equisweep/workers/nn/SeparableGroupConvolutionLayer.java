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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link SeparableGroupConv}, in the factorised order: a 1×1 convolution with the expanded pointwise
 * weights mixes the input's channels into one map per output channel {@code o·|G| + g}, then a depthwise
 * convolution applies to each the spatial kernel of field o transformed by g (with stride, padding and bias).
 * Both are ND4J's oneDNN ops ({@code conv2d}, and {@code depthwise_conv2d} with {@code [k, k, C, 1]} weights,
 * the layout its oneDNN path takes; {@code [C, 1, k, k]} falls back to a kernel ~30× slower), with explicit
 * backprop. This costs {@code (inFields·|G| + k²)} multiply-adds per output value where expanding the product to
 * one full filter would cost {@code inFields·|G|·k²}: measured at batch 32, 188 → 188 channels, 33×33, one
 * thread, forward + backward 75 + 105 ms against 155 + 250 ms. The 1×1 product is kept from a training forward
 * pass for backprop.
 */
public final class SeparableGroupConvolutionLayer extends BaseLayer<SeparableGroupConv> {
    /** Weights layout arguments: conv2d 1 = OIYX; depthwise_conv2d 0 = [k, k, in, multiplier]. */
    private static final int WEIGHTS_LAYOUT = 1;
    private static final int DEPTHWISE_LAYOUT = 0;

    private transient FilterExpansion pointwise;
    private transient FilterExpansion spatial;
    private transient INDArray cachedInput;
    private transient INDArray cachedMixed;

    public SeparableGroupConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    private FilterExpansion pointwise() {
        if (pointwise == null) {
            pointwise = layerConf().pointwiseExpansion();
        }
        return pointwise;
    }

    private FilterExpansion spatial() {
        if (spatial == null) {
            spatial = layerConf().spatialExpansion();
        }
        return spatial;
    }

    private long channels() {
        return layerConf().getNOut() * layerConf().group().order();
    }

    private void checkInput() {
        SeparableGroupConv c = layerConf();
        long channels = c.getNIn() * c.inputOrder();
        if (input.rank() != 4 || input.size(1) != channels) {
            throw new DL4JInvalidInputException("SeparableGroupConv '" + c.getLayerName() + "' expected input [batch, "
                    + channels + ", h, w] (" + c.getNIn() + " fields × " + c.inputOrder() + " group elements), got "
                    + Arrays.toString(input.shape()) + " " + layerId());
        }
    }

    /** The expanded spatial kernels in the depthwise layout {@code [k, k, outFields·|G|, 1]}. */
    private INDArray depthwiseWeights() {
        return spatial().expand(getParam(SeparableGroupConvolutionParams.SPATIAL)).permute(2, 3, 0, 1).dup('c');
    }

    private INDArray expandedBias() {
        return layerConf().hasBias() ? spatial().expandBias(getParam(SeparableGroupConvolutionParams.BIAS)) : null;
    }

    /** The 1×1 mixing of {@code in} into {@code mixed}: {@code [batch, outFields·|G|, h, w]}. */
    private void mix(INDArray in, INDArray mixed) {
        INDArray weights = pointwise().expand(getParam(SeparableGroupConvolutionParams.POINTWISE));
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in, weights).addOutputs(mixed)
                .addIntegerArguments(convArgs(1, 1, 0)).build());
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0 = explicit), data format (0 = NCHW), weights layout. */
    private static int[] convArgs(int kernel, int stride, int padding) {
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, WEIGHTS_LAYOUT};
    }

    private int[] depthwiseArgs() {
        SeparableGroupConv c = layerConf();
        int[] args = convArgs(c.kernel(), c.stride(), c.padding());
        args[10] = DEPTHWISE_LAYOUT;
        return args;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        SeparableGroupConv c = layerConf();
        INDArray in = input.castTo(dataType);
        long[] mixedShape = {in.size(0), channels(), in.size(2), in.size(3)};
        INDArray mixed = training ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, mixedShape, 'c')
                : Nd4j.createUninitialized(dataType, mixedShape, 'c');
        mix(in, mixed);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {in.size(0), channels(), c.outputSize(in.size(2)), c.outputSize(in.size(3))}, 'c');
        INDArray bias = expandedBias();
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("depthwise_conv2d");
        if (bias == null) {
            op.addInputs(mixed, depthwiseWeights());
        } else {
            op.addInputs(mixed, depthwiseWeights(), bias);
        }
        Nd4j.exec(op.addOutputs(out).addIntegerArguments(depthwiseArgs()).build());
        if (training) {
            cachedInput = input;
            cachedMixed = mixed;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = input.castTo(dataType);
        INDArray mixed = cachedMixed;
        if (cachedInput != input) {
            mixed = Nd4j.createUninitialized(dataType, new long[] {in.size(0), channels(), in.size(2), in.size(3)},
                    'c');
            mix(in, mixed);
        }
        INDArray depthwise = depthwiseWeights();
        INDArray mixedGrad = Nd4j.createUninitialized(dataType, mixed.shape(), 'c');
        INDArray depthwiseGrad = Nd4j.createUninitialized(dataType, depthwise.shape(), 'c');
        INDArray bias = expandedBias();
        INDArray biasGrad = null;
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("depthwise_conv2d_bp");
        if (bias == null) {
            op.addInputs(mixed, depthwise, epsilon.castTo(dataType)).addOutputs(mixedGrad, depthwiseGrad);
        } else {
            biasGrad = Nd4j.createUninitialized(dataType, bias.shape(), 'c');
            op.addInputs(mixed, depthwise, bias, epsilon.castTo(dataType))
                    .addOutputs(mixedGrad, depthwiseGrad, biasGrad);
        }
        Nd4j.exec(op.addIntegerArguments(depthwiseArgs()).build());

        INDArray pointwiseWeights = pointwise().expand(getParam(SeparableGroupConvolutionParams.POINTWISE));
        INDArray epsIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.shape(), 'c');
        INDArray pointwiseGrad = Nd4j.createUninitialized(dataType, pointwiseWeights.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(in, pointwiseWeights, mixedGrad)
                .addOutputs(epsIn, pointwiseGrad).addIntegerArguments(convArgs(1, 1, 0)).build());

        Gradient gradient = new DefaultGradient();
        INDArray spatialView = gradientViews.get(SeparableGroupConvolutionParams.SPATIAL);
        spatial().fold(depthwiseGrad.permute(2, 3, 0, 1), spatialView);
        gradient.setGradientFor(SeparableGroupConvolutionParams.SPATIAL, spatialView);
        INDArray pointwiseView = gradientViews.get(SeparableGroupConvolutionParams.POINTWISE);
        pointwise().fold(pointwiseGrad, pointwiseView);
        gradient.setGradientFor(SeparableGroupConvolutionParams.POINTWISE, pointwiseView);
        if (biasGrad != null) {
            INDArray biasView = gradientViews.get(SeparableGroupConvolutionParams.BIAS);
            spatial().foldBias(biasGrad, biasView);
            gradient.setGradientFor(SeparableGroupConvolutionParams.BIAS, biasView);
        }
        return new Pair<>(gradient, epsIn);
    }

    @Override
    public void clear() {
        super.clear();
        cachedInput = null;
        cachedMixed = null;
    }
}
