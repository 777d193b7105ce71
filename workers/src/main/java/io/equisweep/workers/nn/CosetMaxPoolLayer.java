package io.equisweep.workers.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link CosetMaxPool}; the gradient goes to the first maximal group element only. */
public final class CosetMaxPoolLayer extends AbstractLayer<CosetMaxPool> {

    public CosetMaxPoolLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Input viewed as [B, C, |G|, S] with S the spatial positions (1 when there are none). */
    private long[] grouped(INDArray x) {
        int order = layerConf().group().order();
        long spatial = x.rank() == 4 ? x.size(2) * x.size(3) : 1;
        return new long[] {x.size(0), x.size(1) / order, order, spatial};
    }

    private long[] outputShape(INDArray x) {
        int order = layerConf().group().order();
        return x.rank() == 4 ? new long[] {x.size(0), x.size(1) / order, x.size(2), x.size(3)}
                : new long[] {x.size(0), x.size(1) / order};
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray max = input.dup('c').reshape('c', grouped(input)).max(2);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), outputShape(input), 'c');
        out.assign(max.reshape('c', outputShape(input)));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long[] g = grouped(input);
        int batchFields = (int) (g[0] * g[1]);
        int order = (int) g[2];
        int spatial = (int) g[3];
        double[] x = FilterExpansion.flat(input).toDoubleVector();
        double[] eps = FilterExpansion.flat(epsilon).toDoubleVector();
        double[] grad = new double[x.length];
        for (int bc = 0; bc < batchFields; bc++) {
            for (int s = 0; s < spatial; s++) {
                int best = bc * order * spatial + s;
                for (int k = 1; k < order; k++) {
                    int at = (bc * order + k) * spatial + s;
                    if (x[at] > x[best]) {
                        best = at;
                    }
                }
                grad[best] = eps[bc * spatial + s];
            }
        }
        INDArray epsIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        epsIn.assign(Nd4j.create(grad, input.shape(), 'c').castTo(input.dataType()));
        return new Pair<>(new DefaultGradient(), epsIn);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public Type type() {
        return Type.SUBSAMPLING;
    }

    @Override
    public INDArray params() {
        return null;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }
}
