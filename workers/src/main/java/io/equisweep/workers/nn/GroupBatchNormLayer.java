package io.equisweep.workers.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link GroupBatchNorm}, with explicit backprop, as four passes over the activations viewed as
 * [B, F, |G|·h·w] ({@link BatchNormPass}): batch moments; normalisation with the fused ReLU and dropout; the
 * backward sums Σdy, Σdy·x; and dx = k1·dy + k2·x + k3 per field. The ReLU's and dropout's masks are read off the
 * stored output, so nothing else is kept between the passes.
 */
public final class GroupBatchNormLayer extends BaseLayer<GroupBatchNorm> {
    /** The batch statistics and output of the last training forward pass, for backprop over the same input. */
    private transient INDArray cachedInput;
    private transient INDArray cachedOutput;
    private transient double[] batchMean;
    private transient double[] batchInvStd;
    /** 1/retain where the last training forward pass dropped values, else 1. */
    private transient double keepScale = 1;

    public GroupBatchNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    /** The input in this layer's type with default c-order strides. */
    private INDArray contiguousInput() {
        return contiguous(input);
    }

    private INDArray contiguous(INDArray a) {
        INDArray in = a.castTo(dataType);
        return in.ordering() == 'c' && in.elementWiseStride() == 1 ? in : in.dup('c');
    }

    private BatchNormPass passOver(INDArray in) {
        return BatchNormPass.over(in, layerConf().getNOut());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        GroupBatchNorm c = layerConf();
        INDArray in = contiguousInput();
        BatchNormPass pass = passOver(in);
        double[] mean;
        double[] var;
        if (training) {
            mean = new double[pass.layout().fields()];
            var = new double[pass.layout().fields()];
            pass.moments(mean, var);
            updateRunningStatistics(mean, var, pass.layout().count());
        } else {
            mean = getParam(GroupBatchNormParams.MEAN).toDoubleVector();
            var = getParam(GroupBatchNormParams.VAR).toDoubleVector();
        }
        double[] invStd = invStd(var);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        double retain = training ? c.retain() : 1;
        long seed = retain < 1 ? Nd4j.getRandom().nextLong() : 0;
        normalise(pass, mean, invStd, retain, seed, out);
        if (training) {
            cachedInput = input;
            cachedOutput = out;
            batchMean = mean;
            batchInvStd = invStd;
            keepScale = 1 / retain;
        }
        return out;
    }

    private double[] invStd(double[] var) {
        double[] invStd = new double[var.length];
        for (int i = 0; i < var.length; i++) {
            invStd[i] = 1 / Math.sqrt(var[i] + layerConf().eps());
        }
        return invStd;
    }

    /** out = dropout(activation(γ·(x − mean)·invStd + β)). */
    private void normalise(BatchNormPass pass, double[] mean, double[] invStd, double retain, long seed,
                           INDArray out) {
        double[] gamma = getParam(GroupBatchNormParams.GAMMA).toDoubleVector();
        double[] beta = getParam(GroupBatchNormParams.BETA).toDoubleVector();
        double[] scale = new double[gamma.length];
        double[] shift = new double[gamma.length];
        for (int i = 0; i < gamma.length; i++) {
            scale[i] = gamma[i] * invStd[i];
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        pass.normalise(scale, shift, layerConf().relu(), retain, seed, out);
    }

    private void updateRunningStatistics(double[] mean, double[] var, long n) {
        double decay = layerConf().decay();
        INDArray runningMean = getParam(GroupBatchNormParams.MEAN);
        INDArray runningVar = getParam(GroupBatchNormParams.VAR);
        double[] m = runningMean.toDoubleVector();
        double[] v = runningVar.toDoubleVector();
        double unbiased = n / (double) Math.max(1, n - 1);
        for (int i = 0; i < m.length; i++) {
            m[i] = decay * m[i] + (1 - decay) * mean[i];
            v[i] = decay * v[i] + (1 - decay) * var[i] * unbiased;
        }
        assign(runningMean, m);
        assign(runningVar, v);
    }

    /** Writes per-field values into a parameter or gradient array of any shape and type. */
    private static void assign(INDArray target, double[] values) {
        target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape()));
    }

    /**
     * With batch statistics μ, σ⁻¹ and N values per field: dγ = σ⁻¹(Σdy·x − μΣdy), dβ = Σdy, and
     * dx = k1·dy + k2·x + k3 with k1 = γσ⁻¹, k2 = −k1·σ⁻¹·dγ/N, k3 = −k1·Σdy/N − k2·μ; dy is ε masked by the
     * ReLU's step and the dropout mask when they are fused.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        GroupBatchNorm c = layerConf();
        INDArray in = contiguousInput();
        BatchNormPass pass = passOver(in);
        int f = pass.layout().fields();
        if (cachedInput != input) {
            if (c.retain() < 1) {
                throw new IllegalStateException("GroupBatchNorm '" + c.getLayerName()
                        + "': backprop through dropout without a training forward pass over this input");
            }
            // No training forward pass over this very input: recompute its statistics (and, for the ReLU's
            // mask, its output), but leave the running statistics alone.
            double[] mean = new double[f];
            double[] var = new double[f];
            pass.moments(mean, var);
            batchMean = mean;
            batchInvStd = invStd(var);
            cachedOutput = null;
            if (c.relu()) {
                cachedOutput = Nd4j.createUninitialized(dataType, in.shape(), 'c');
                normalise(pass, batchMean, batchInvStd, 1, 0, cachedOutput);
            }
            cachedInput = input;
            keepScale = 1;
        }
        double[] mean = batchMean;
        double[] invStd = batchInvStd;
        INDArray eps = contiguous(epsilon);
        INDArray out = c.relu() ? contiguous(cachedOutput) : null;

        double[] sumDy = new double[f];
        double[] sumDyX = new double[f];
        pass.gradientSums(eps, out, keepScale, sumDy, sumDyX);
        double n = pass.layout().count();
        double[] gamma = getParam(GroupBatchNormParams.GAMMA).toDoubleVector();
        double[] gammaGrad = new double[f];
        double[] k1 = new double[f];
        double[] k2 = new double[f];
        double[] k3 = new double[f];
        for (int i = 0; i < f; i++) {
            gammaGrad[i] = invStd[i] * (sumDyX[i] - mean[i] * sumDy[i]);
            k1[i] = gamma[i] * invStd[i];
            k2[i] = -k1[i] * invStd[i] * gammaGrad[i] / n;
            k3[i] = -k1[i] * sumDy[i] / n - k2[i] * mean[i];
        }
        INDArray epsIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        pass.inputGradient(k1, k2, k3, epsIn);

        assign(gradientViews.get(GroupBatchNormParams.GAMMA), gammaGrad);
        assign(gradientViews.get(GroupBatchNormParams.BETA), sumDy);
        gradientViews.get(GroupBatchNormParams.MEAN).assign(0);
        gradientViews.get(GroupBatchNormParams.VAR).assign(0);
        Gradient gradient = new DefaultGradient();
        for (String key : new String[] {GroupBatchNormParams.GAMMA, GroupBatchNormParams.BETA,
                GroupBatchNormParams.MEAN, GroupBatchNormParams.VAR}) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, epsIn);
    }

    @Override
    public void clear() {
        super.clear();
        cachedInput = null;
        cachedOutput = null;
    }
}
