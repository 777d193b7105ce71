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
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link GroupBatchNorm}, with explicit backprop. Internally the input is rearranged to
 * [fields, N] with N = batch · |G| · h · w values per field.
 */
public final class GroupBatchNormLayer extends BaseLayer<GroupBatchNorm> {

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

    /** [B, F·G, ...] → [F, B·G·S] (a copy). */
    private INDArray toFields(INDArray x) {
        long batch = x.size(0);
        long fields = layerConf().getNOut();
        long rest = x.length() / (batch * fields);
        return x.dup('c').reshape('c', batch, fields, rest).permute(1, 0, 2).dup('c').reshape('c', fields, batch * rest);
    }

    /** Inverse of {@link #toFields}, into {@code out}. */
    private void fromFields(INDArray f, INDArray out) {
        long batch = out.size(0);
        long fields = layerConf().getNOut();
        long rest = out.length() / (batch * fields);
        out.assign(f.reshape('c', fields, batch, rest).permute(1, 0, 2).dup('c').reshape('c', out.shape()));
    }

    /**
     * Forward: statistics per field over (batch, group, h, w) from a view of the input as [B, F, G·h·w],
     * then one per-channel affine map y = x·scale + shift with scale and shift repeated over the field's
     * |G| channels, applied by broadcasting (no rearranged copies of the activations).
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        GroupBatchNorm c = layerConf();
        INDArray in = input.castTo(dataType);
        long fields = c.getNOut();
        int order = c.group().order();
        INDArray mean;
        INDArray var;
        if (training) {
            INDArray x = in.dup('c').reshape('c', in.size(0), fields, in.length() / (in.size(0) * fields));
            mean = x.mean(0, 2);
            var = x.var(false, 0, 2);
            long n = x.length() / fields;
            getParam(GroupBatchNormParams.MEAN).muli(c.decay()).addi(mean.mul(1 - c.decay()));
            getParam(GroupBatchNormParams.VAR).muli(c.decay()).addi(var.mul((1 - c.decay()) * n / Math.max(1, n - 1)));
        } else {
            mean = getParam(GroupBatchNormParams.MEAN);
            var = getParam(GroupBatchNormParams.VAR);
        }
        INDArray scale = getParam(GroupBatchNormParams.GAMMA).reshape(fields)
                .div(Transforms.sqrt(var.reshape(fields).add(c.eps()), false));
        INDArray shift = getParam(GroupBatchNormParams.BETA).reshape(fields).sub(mean.reshape(fields).mul(scale));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(in, perChannel(scale, fields, order), out, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(out, perChannel(shift, fields, order), out, 1));
        return out;
    }

    /** A per-field vector repeated over the group: channel {@code f·|G| + g} gets entry f. */
    private static INDArray perChannel(INDArray perField, long fields, int order) {
        return perField.reshape(fields, 1).broadcast(fields, order).dup('c').reshape(fields * order);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        GroupBatchNorm c = layerConf();
        INDArray x = toFields(input.castTo(dataType));
        INDArray dy = toFields(epsilon.castTo(dataType));
        long fields = x.size(0);
        double n = x.size(1);
        INDArray mean = x.mean(1).reshape(fields, 1);
        INDArray centred = x.subColumnVector(mean);
        INDArray var = centred.mul(centred).mean(1).reshape(fields, 1);
        INDArray invStd = Transforms.pow(var.add(c.eps()), -0.5, false);
        INDArray xhat = centred.mulColumnVector(invStd);

        INDArray gammaGrad = gradientViews.get(GroupBatchNormParams.GAMMA);
        INDArray betaGrad = gradientViews.get(GroupBatchNormParams.BETA);
        gammaGrad.assign(dy.mul(xhat).sum(1).reshape(gammaGrad.shape()));
        betaGrad.assign(dy.sum(1).reshape(betaGrad.shape()));
        gradientViews.get(GroupBatchNormParams.MEAN).assign(0);
        gradientViews.get(GroupBatchNormParams.VAR).assign(0);

        INDArray dxhat = dy.mulColumnVector(getParam(GroupBatchNormParams.GAMMA).reshape(fields, 1));
        INDArray sumDxhat = dxhat.sum(1).reshape(fields, 1).divi(n);
        INDArray sumDxhatXhat = dxhat.mul(xhat).sum(1).reshape(fields, 1).divi(n);
        INDArray dx = dxhat.subColumnVector(sumDxhat).subi(xhat.mulColumnVector(sumDxhatXhat)).muliColumnVector(invStd);

        INDArray epsIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        fromFields(dx, epsIn);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(GroupBatchNormParams.GAMMA, gammaGrad);
        gradient.setGradientFor(GroupBatchNormParams.BETA, betaGrad);
        gradient.setGradientFor(GroupBatchNormParams.MEAN, gradientViews.get(GroupBatchNormParams.MEAN));
        gradient.setGradientFor(GroupBatchNormParams.VAR, gradientViews.get(GroupBatchNormParams.VAR));
        return new Pair<>(gradient, epsIn);
    }
}
