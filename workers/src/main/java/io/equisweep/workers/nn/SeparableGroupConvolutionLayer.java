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
 * This costs {@code (inFields·|G| + k²)} multiply-adds per output value where expanding the product to one full
 * filter would cost {@code inFields·|G|·k²}.
 *
 * <p>Inside the layer the maps are channels-last (NHWC): the input is transposed once, the 1×1 convolution is one
 * GEMM {@code [batch·h·w, in] × [in, out]}, the depthwise convolution is ND4J's oneDNN {@code depthwise_conv2d}
 * in NHWC with {@code [k, k, C, 1]} weights (NCHW runs it ~4× slower, other weight layouts ~30×), and its output is
 * transposed back; backprop mirrors this, the input and weight gradients of the 1×1 part each one GEMM. Measured at
 * batch 32, 188 → 188 channels, 33×33, one thread: one GEMM 20 ms against 52 ms for {@code conv2d} with 1×1
 * filters, the depthwise forward 11 ms against 40 ms in NCHW, a transpose 9 ms. Only the forward pass gains
 * (resnet44-p4-gc's 3×3 layers 2.3 → 1.5 s per step): {@code depthwise_conv2d_bp} takes ~40 ms in either layout,
 * and in backprop the three transposes cost what the GEMMs save over {@code conv2d_bp}. The 1×1 product is kept
 * from a training forward pass for backprop.
 */
public final class SeparableGroupConvolutionLayer extends BaseLayer<SeparableGroupConv> {
    /** depthwise_conv2d: data format 1 = NHWC; weights layout 0 = [k, k, in, multiplier]. */
    private static final int NHWC = 1;
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

    /** The expanded pointwise weights as a matrix {@code [outFields·|G|, inFields·|G|]}. */
    private INDArray pointwiseMatrix() {
        INDArray weights = pointwise().expand(getParam(SeparableGroupConvolutionParams.POINTWISE));
        return weights.reshape('c', weights.size(0), weights.size(1));
    }

    /** A channels-last copy {@code [n, h, w, c]} of an NCHW array. */
    private INDArray toNhwc(INDArray nchw) {
        INDArray nhwc = Nd4j.createUninitialized(dataType, new long[] {nchw.size(0), nchw.size(2), nchw.size(3),
                nchw.size(1)}, 'c');
        return nhwc.assign(nchw.permute(0, 2, 3, 1));
    }

    /** {@code [n, h, w, c]} as the matrix {@code [n·h·w, c]}. */
    private static INDArray rows(INDArray nhwc) {
        return nhwc.reshape('c', nhwc.size(0) * nhwc.size(1) * nhwc.size(2), nhwc.size(3));
    }

    /** The 1×1 mixing of a channels-last input into {@code mixed}, channels-last {@code [batch, h, w, C]}. */
    private void mix(INDArray inNhwc, INDArray mixed) {
        Nd4j.gemm(rows(inNhwc), pointwiseMatrix(), rows(mixed), false, true, 1.0, 0.0);
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0 = explicit), data format, weights layout. */
    private int[] depthwiseArgs() {
        SeparableGroupConv c = layerConf();
        return new int[] {c.kernel(), c.kernel(), c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0, NHWC,
            DEPTHWISE_LAYOUT};
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        SeparableGroupConv c = layerConf();
        INDArray in = toNhwc(input.castTo(dataType));
        long batch = in.size(0);
        long[] mixedShape = {batch, in.size(1), in.size(2), channels()};
        INDArray mixed = training ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, mixedShape, 'c')
                : Nd4j.createUninitialized(dataType, mixedShape, 'c');
        mix(in, mixed);
        long h = c.outputSize(in.size(1));
        long w = c.outputSize(in.size(2));
        INDArray outNhwc = Nd4j.createUninitialized(dataType, new long[] {batch, h, w, channels()}, 'c');
        INDArray bias = expandedBias();
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("depthwise_conv2d");
        if (bias == null) {
            op.addInputs(mixed, depthwiseWeights());
        } else {
            op.addInputs(mixed, depthwiseWeights(), bias);
        }
        Nd4j.exec(op.addOutputs(outNhwc).addIntegerArguments(depthwiseArgs()).build());
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {batch, channels(), h, w}, 'c');
        out.assign(outNhwc.permute(0, 3, 1, 2));
        if (training) {
            cachedInput = input;
            cachedMixed = mixed;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = toNhwc(input.castTo(dataType));
        INDArray mixed = cachedMixed;
        if (cachedInput != input) {
            mixed = Nd4j.createUninitialized(dataType, new long[] {in.size(0), in.size(1), in.size(2), channels()},
                    'c');
            mix(in, mixed);
        }
        INDArray depthwise = depthwiseWeights();
        INDArray mixedGrad = Nd4j.createUninitialized(dataType, mixed.shape(), 'c');
        INDArray depthwiseGrad = Nd4j.createUninitialized(dataType, depthwise.shape(), 'c');
        INDArray bias = expandedBias();
        INDArray biasGrad = null;
        INDArray eps = toNhwc(epsilon.castTo(dataType));
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("depthwise_conv2d_bp");
        if (bias == null) {
            op.addInputs(mixed, depthwise, eps).addOutputs(mixedGrad, depthwiseGrad);
        } else {
            biasGrad = Nd4j.createUninitialized(dataType, bias.shape(), 'c');
            op.addInputs(mixed, depthwise, bias, eps).addOutputs(mixedGrad, depthwiseGrad, biasGrad);
        }
        Nd4j.exec(op.addIntegerArguments(depthwiseArgs()).build());

        INDArray pointwiseWeights = pointwiseMatrix();
        INDArray epsInNhwc = Nd4j.createUninitialized(dataType, in.shape(), 'c');
        Nd4j.gemm(rows(mixedGrad), pointwiseWeights, rows(epsInNhwc), false, false, 1.0, 0.0);
        INDArray epsIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        epsIn.assign(epsInNhwc.permute(0, 3, 1, 2));
        INDArray pointwiseGrad = Nd4j.createUninitialized(dataType, pointwiseWeights.shape(), 'c');
        Nd4j.gemm(rows(mixedGrad), rows(in), pointwiseGrad, true, false, 1.0, 0.0);

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
