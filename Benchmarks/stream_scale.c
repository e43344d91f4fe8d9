// How much a second thread gains on a bare memory stream on this machine, the ceiling for any
// kernel that reads 4 bytes and writes 4 per element (like the focal-loss gradient pass):
//
//   gcc -O3 -march=native -fopenmp Benchmarks/stream_scale.c -o /tmp/stream_scale && /tmp/stream_scale
//
// Prints the best of 5 passes of b[i] = 1.5 * a[i] over 65,536,000 floats with 1 and 2 threads.
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    long n = 65536L * 1000;
    float *a = malloc(n * sizeof(float)), *b = malloc(n * sizeof(float));
    if (!a || !b) return 1;
#pragma omp parallel for
    for (long i = 0; i < n; i++) { a[i] = (float)(i % 7); b[i] = 0; }
    for (int threads = 1; threads <= 2; threads++) {
        omp_set_num_threads(threads);
        double best = 1e9;
        for (int run = 0; run < 5; run++) {
            double start = omp_get_wtime();
#pragma omp parallel for
            for (long i = 0; i < n; i++) b[i] = a[i] * 1.5f;
            double elapsed = omp_get_wtime() - start;
            if (elapsed < best) best = elapsed;
        }
        printf("threads %d: %.3f ns/element, %.1f GB/s (12 B/element with write-allocate)\n",
               threads, best * 1e9 / n, 12.0 * n / best / 1e9);
    }
    return b[5] == 0;
}
