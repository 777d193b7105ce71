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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link GroupBatchNorm}, with explicit backprop. The activations are viewed as rows
 * [B·F, |G|·h·w], one row per (example, field), so that every per-field operation is a row-wise
 * broadcast over contiguous memory (ND4J's fast path) and nothing is rearranged or copied:
 * statistics by libnd4j's {@code moments}; y = x·scale + shift as two row broadcasts; the backward pass
 * as dx = k1·dy + k2·x + k3 per field from two row reductions (Σdy, Σdy·x).
 */
public final class GroupBatchNormLayer extends BaseLayer<GroupBatchNorm> {
    /** The batch statistics and output of the last training forward pass, for backprop over the same input. */
    private transient INDArray cachedInput;
    private transient INDArray cachedOutput;
    private transient double[] batchMean;
    private transient double[] batchInvStd;

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

    /** The input in this layer's type with default c-order strides, so that {@link #rows} is a view. */
    private INDArray contiguousInput() {
        INDArray in = input.castTo(dataType);
        return in.ordering() == 'c' && !in.isView() ? in : in.dup('c');
    }

    private long fields() {
        return layerConf().getNOut();
    }

    /** [B, F·|G|, ...] as [B·F, |G|·...]. */
    private INDArray rows(INDArray a) {
        long rows = a.size(0) * fields();
        return a.reshape('c', rows, a.length() / rows);
    }

    /**
     * A per-field vector repeated for each example: a [B·F, 1] column, one entry per row of {@link #rows}.
     * A column, not a rank-1 vector: ND4J broadcasts a column over contiguous rows 10× faster (0.3 ms, not 3).
     */
    private INDArray perRow(double[] perField, long batch) {
        int f = perField.length;
        double[] column = new double[(int) (batch * f)];
        for (int i = 0; i < column.length; i++) {
            column[i] = perField[i % f];
        }
        return Nd4j.createFromArray(column).castTo(dataType).reshape(column.length, 1);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray in = contiguousInput();
        double[] mean;
        double[] var;
        if (training) {
            INDArray[] moments = batchMoments(in);
            mean = moments[0].toDoubleVector();
            var = moments[1].toDoubleVector();
            updateRunningStatistics(mean, var, in.length() / fields());
        } else {
            mean = getParam(GroupBatchNormParams.MEAN).toDoubleVector();
            var = getParam(GroupBatchNormParams.VAR).toDoubleVector();
        }
        double[] invStd = invStd(var);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        normalise(in, mean, invStd, out);
        if (training) {
            cachedInput = input;
            cachedOutput = out;
            batchMean = mean;
            batchInvStd = invStd;
        }
        return out;
    }

    /** Mean and biased variance per field over (batch, group, h, w). */
    private INDArray[] batchMoments(INDArray in) {
        long batch = in.size(0);
        long f = fields();
        INDArray x = in.reshape('c', batch, f, in.length() / (batch * f));
        return Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addIntegerArguments(0, 2).build());
    }

    private double[] invStd(double[] var) {
        double[] invStd = new double[var.length];
        for (int i = 0; i < var.length; i++) {
            invStd[i] = 1 / Math.sqrt(var[i] + layerConf().eps());
        }
        return invStd;
    }

    /** out = activation(γ·(x − mean)·invStd + β). */
    private void normalise(INDArray in, double[] mean, double[] invStd, INDArray out) {
        double[] gamma = getParam(GroupBatchNormParams.GAMMA).toDoubleVector();
        double[] beta = getParam(GroupBatchNormParams.BETA).toDoubleVector();
        double[] scale = new double[gamma.length];
        double[] shift = new double[gamma.length];
        for (int i = 0; i < gamma.length; i++) {
            scale[i] = gamma[i] * invStd[i];
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        INDArray outRows = rows(out);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(rows(in), perRow(scale, in.size(0)), outRows, 0));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(outRows, perRow(shift, in.size(0)), outRows, 0));
        if (layerConf().relu()) {
            Transforms.relu(out, false);
        }
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
     * dx = k1·dy + k2·x + k3 with k1 = γσ⁻¹, k2 = −k1·σ⁻¹·dγ/N, k3 = −k1·Σdy/N − k2·μ; dy is first masked by
     * the ReLU's step when the ReLU is fused.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        GroupBatchNorm c = layerConf();
        INDArray in = contiguousInput();
        long batch = in.size(0);
        int f = (int) fields();
        if (cachedInput != input) {
            // No training forward pass over this very input: recompute its statistics (and, for the ReLU's
            // mask, its output), but leave the running statistics alone.
            INDArray[] moments = batchMoments(in);
            batchMean = moments[0].toDoubleVector();
            batchInvStd = invStd(moments[1].toDoubleVector());
            cachedOutput = null;
            if (c.relu()) {
                cachedOutput = Nd4j.createUninitialized(dataType, in.shape(), 'c');
                normalise(in, batchMean, batchInvStd, cachedOutput);
            }
            cachedInput = input;
        }
        double[] mean = batchMean;
        double[] invStd = batchInvStd;

        INDArray dy = Nd4j.createUninitialized(dataType, in.shape(), 'c');
        if (c.relu()) {
            Nd4j.getExecutioner().exec(new Step(cachedOutput, dy, 0.0));
            dy.muli(epsilon.castTo(dataType));
        } else {
            dy.assign(epsilon);
        }
        INDArray dyRows = rows(dy);
        INDArray inRows = rows(in);
        double[] sumDyRows = dyRows.sum(1).toDoubleVector();
        double[] sumDyXRows = Nd4j.getExecutioner().exec(new Dot(dyRows, inRows, 1)).toDoubleVector();
        double[] sumDy = new double[f];
        double[] sumDyX = new double[f];
        for (int i = 0; i < sumDyRows.length; i++) {
            sumDy[i % f] += sumDyRows[i];
            sumDyX[i % f] += sumDyXRows[i];
        }
        double n = in.length() / (double) f;
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
        INDArray epsRows = rows(epsIn);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(inRows, perRow(k2, batch), epsRows, 0));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(epsRows, perRow(k3, batch), epsRows, 0));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(dyRows, perRow(k1, batch), dyRows, 0));
        epsIn.addi(dy);

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
