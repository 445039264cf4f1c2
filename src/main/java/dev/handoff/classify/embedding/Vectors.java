package dev.handoff.classify.embedding;

/** The few vector operations the classifier needs; vectors are unit length unless said otherwise. */
final class Vectors {

    private Vectors() {
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code unit(a + weight * b)}. */
    static float[] blend(float[] a, float[] b, double weight) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] + weight * b[i]);
        }
        return unit(out);
    }

    /** {@code unit(sum of vs)}. */
    static float[] mean(java.util.List<float[]> vs) {
        float[] out = new float[vs.get(0).length];
        for (float[] v : vs) {
            for (int i = 0; i < out.length; i++) {
                out[i] += v[i];
            }
        }
        return unit(out);
    }
}
