// A fused focal-loss kernel in C, the yardstick for the Swift kernels' speed: loss + gradient
// w.r.t. the logits in one pass, float32, mean reduction, one thread, on the inputs and shapes
// of `focal bench` (logits uniform in [-4, 4]; sigmoid: ~1% positive targets, gamma 2,
// alpha 0.25; softmax: uniform labels, gamma 2). GCC vectorises expf/logf/log1pf through
// glibc's libmvec under -ffast-math:
//
//   gcc -O3 -march=native -ffast-math Benchmarks/fused_focal.c -o /tmp/fused_focal -lm
//   /tmp/fused_focal sigmoid 131072x80 20     # kind, shape, timed calls
//
// Prints one JSON object like `focal bench --json`: median, min and max ns per element of the
// timed calls (after three warm-up calls), the median and min in the process's CPU time (without
// the time another process held the CPU), and the loss. Benchmarks/side_by_side.py runs it and
// `focal bench` alternately. It is a speed yardstick, not a reference: nothing checks its values.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_ns(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

// SplitMix64, for repeatable inputs.
static unsigned long long rng_state = 42;
static double uniform(void) {
    unsigned long long z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

// torchvision's sigmoid_focal_loss, gamma 2, alpha 0.25, mean; gradient of the mean.
__attribute__((noinline)) static float sigmoid_focal(const float *restrict x, const float *restrict t, float *restrict g, long n) {
    const float alpha = 0.25f, scale = 1.0f / (float)n;
    double total = 0;
    for (long start = 0; start < n; start += 4096) {
        long end = start + 4096 < n ? start + 4096 : n;
        float partial = 0;
#pragma omp simd reduction(+ : partial)
        for (long i = start; i < end; i++) {
            float e = expf(-fabsf(x[i]));
            float r = 1.0f / (1.0f + e);
            float p = x[i] >= 0 ? r : e * r;
            float q = 1.0f - p;
            float softplus = logf(1.0f + e);  // log1p(e), e in (0, 1]: libmvec has logf (its log1pf is slow)
            float ce = fmaxf(x[i], 0.0f) - x[i] * t[i] + softplus;  // BCE with logits
            float m = p * (1.0f - t[i]) + q * t[i];                 // 1 - p_t
            float a = alpha * t[i] + (1.0f - alpha) * (1.0f - t[i]);
            partial += a * m * m * ce;
            // d/dx [a m^2 ce] = a (2 m m' ce + m^2 (p - t)), m' = p q (1 - 2t)
            g[i] = scale * a * m * (2.0f * p * q * (1.0f - 2.0f * t[i]) * ce + m * (p - t[i]));
        }
        total += partial;
    }
    return (float)(total * scale);
}

// -((1 - p_y)^2 log p_y), mean over rows of `classes` logits; gradient of the mean.
__attribute__((noinline)) static float softmax_focal(const float *restrict x, const int *restrict y, float *restrict g, long rows, long classes) {
    const float scale = 1.0f / (float)rows;
    double total = 0;
    for (long row = 0; row < rows; row++) {
        const float *z = x + row * classes;
        float *out = g + row * classes;
        float top = -INFINITY;
#pragma omp simd reduction(max : top)
        for (long c = 0; c < classes; c++) top = fmaxf(top, z[c]);
        float sum = 0;
#pragma omp simd reduction(+ : sum)
        for (long c = 0; c < classes; c++) {
            out[c] = expf(z[c] - top);
            sum += out[c];
        }
        float p = out[y[row]] / sum, u = 1.0f - p, logp = z[y[row]] - top - logf(sum);
        total += -(double)(u * u * logp);
        // d/dz_c = k·p_c for c != y, -k'·... : with f = -(1-p)^2 log p, df/dp = 2(1-p) log p - (1-p)^2 / p
        float dfdp = 2.0f * u * logp - u * u / p;
        float k = -dfdp * p * scale / sum;  // times e_c: the off-label entries
#pragma omp simd
        for (long c = 0; c < classes; c++) out[c] *= k;
        out[y[row]] = dfdp * p * u * scale;
    }
    return (float)(total * scale);
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long rows, classes;
    if (argc < 3 || sscanf(argv[2], "%ldx%ld", &rows, &classes) != 2 || rows <= 0 || classes <= 0
        || (strcmp(argv[1], "sigmoid") != 0 && strcmp(argv[1], "softmax") != 0)) {
        fprintf(stderr, "usage: %s sigmoid|softmax ROWSxCLASSES [RUNS]\n", argv[0]);
        return 2;
    }
    int softmax = strcmp(argv[1], "softmax") == 0;
    int runs = argc > 3 ? atoi(argv[3]) : 20;
    if (runs < 1) runs = 1;
    long n = rows * classes;
    float *x = malloc(n * sizeof(float)), *g = malloc(n * sizeof(float)), *t = malloc(n * sizeof(float));
    int *y = malloc(rows * sizeof(int));
    double *samples = malloc(runs * sizeof(double)), *cpu = malloc(runs * sizeof(double));
    if (!x || !g || !t || !y || !samples || !cpu) return 1;
    for (long i = 0; i < n; i++) x[i] = (float)(uniform() * 8 - 4);
    for (long i = 0; i < n; i++) t[i] = uniform() < 0.01 ? 1.0f : 0.0f;
    for (long r = 0; r < rows; r++) y[r] = (int)(uniform() * classes);
    memset(g, 0, n * sizeof(float));
    float loss = 0;
    for (int k = -3; k < runs; k++) {  // three warm-up calls
        double cpu_start = clock_ns(CLOCK_PROCESS_CPUTIME_ID), start = clock_ns(CLOCK_MONOTONIC);
        loss = softmax ? softmax_focal(x, y, g, rows, classes) : sigmoid_focal(x, t, g, n);
        double elapsed = clock_ns(CLOCK_MONOTONIC) - start, cpu_elapsed = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
        if (k >= 0) {
            samples[k] = elapsed / n;
            cpu[k] = cpu_elapsed / n;
        }
    }
    qsort(samples, runs, sizeof(double), compare);
    qsort(cpu, runs, sizeof(double), compare);
    printf("{\"kind\": \"%s\", \"shape\": [%ld, %ld], \"runs\": %d, \"forward_backward_ns_per_element\": %.4f, "
           "\"forward_backward_min\": %.4f, \"forward_backward_max\": %.4f, \"forward_backward_cpu_ns_per_element\": %.4f, "
           "\"forward_backward_cpu_min\": %.4f, \"loss\": %.7g, \"gradient_check\": %.7g}\n",
           argv[1], rows, classes, runs, samples[runs / 2], samples[0], samples[runs - 1], cpu[runs / 2], cpu[0], loss, g[n / 2]);
    return 0;
}
