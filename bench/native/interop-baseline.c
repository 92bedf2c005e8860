/*
 * The C side of the interop-overhead measurement in docs/benchmarks.md: times the same native calls
 * that Arcanum.Benchmarks times through [LibraryImport], on the same machine, so the ratio
 * (managed ÷ native) is the cost of the interop layer and its wrappers.
 * Each operation runs a warm-up, then ROUNDS rounds of ITERATIONS calls; the median round is printed
 * in nanoseconds per call (BenchmarkDotNet reports a mean over its own iterations; medians of rounds
 * here keep one noisy round from moving the result).
 */
#include <secp256k1.h>
#include <secp256k1_ecdh.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 15
#define ITERATIONS 2000

static secp256k1_context *ctx;
static unsigned char seckey[32], tweak[32], msg32[32], sig64[64], aux[32];
static secp256k1_pubkey pubkey;
static secp256k1_ecdsa_signature ecdsa_sig;
static secp256k1_keypair keypair;
static secp256k1_xonly_pubkey xonly;
static unsigned char ed_pk[32], ed_sk[64], ed_sig[64], ed_scalar[32], ed_scalar2[32], ed_point[32], ed_out[32];
static unsigned char msg[32];

static void secp_k_g(void) { secp256k1_pubkey p; if (!secp256k1_ec_pubkey_create(ctx, &p, seckey)) abort(); }
static void secp_k_p(void) { secp256k1_pubkey p = pubkey; if (!secp256k1_ec_pubkey_tweak_mul(ctx, &p, tweak)) abort(); }
/* k*P the way Arcanum computes it: secp256k1_ecdh is constant-time in k (tweak_mul is not); the
 * hash callback hands back x and y, which are parsed into a point again. */
static int copy_xy(unsigned char *out, const unsigned char *x, const unsigned char *y, void *data) {
    (void)data;
    out[0] = 0x04;
    memcpy(out + 1, x, 32);
    memcpy(out + 33, y, 32);
    return 1;
}
static void secp_k_p_ecdh(void) {
    unsigned char xy[65];
    secp256k1_pubkey p;
    if (!secp256k1_ecdh(ctx, xy, &pubkey, tweak, copy_xy, NULL)) abort();
    if (!secp256k1_ec_pubkey_parse(ctx, &p, xy, sizeof xy)) abort();
}
/* BIP340 signing the way Arcanum's key API does it: build the keypair, sign, verify before release. */
static void secp_bip340_sign_checked(void) {
    unsigned char s[64];
    secp256k1_keypair kp;
    secp256k1_xonly_pubkey xpk;
    if (!secp256k1_keypair_create(ctx, &kp, seckey)) abort();
    if (!secp256k1_schnorrsig_sign32(ctx, s, msg32, &kp, aux)) abort();
    if (!secp256k1_keypair_xonly_pub(ctx, &xpk, NULL, &kp)) abort();
    if (!secp256k1_schnorrsig_verify(ctx, s, msg32, 32, &xpk)) abort();
}
static void secp_ecdsa_sign(void) { secp256k1_ecdsa_signature s; if (!secp256k1_ecdsa_sign(ctx, &s, msg32, seckey, NULL, NULL)) abort(); }
static void secp_ecdsa_verify(void) { if (!secp256k1_ecdsa_verify(ctx, &ecdsa_sig, msg32, &pubkey)) abort(); }
static void secp_bip340_sign(void) { unsigned char s[64]; if (!secp256k1_schnorrsig_sign32(ctx, s, msg32, &keypair, aux)) abort(); }
static void secp_bip340_verify(void) { if (!secp256k1_schnorrsig_verify(ctx, sig64, msg32, 32, &xonly)) abort(); }
static void ed_k_g(void) { if (crypto_scalarmult_ed25519_base_noclamp(ed_out, ed_scalar) != 0) abort(); }
static void ed_k_p(void) { if (crypto_scalarmult_ed25519_noclamp(ed_out, ed_scalar, ed_point) != 0) abort(); }
static void ed_sign(void) { if (crypto_sign_ed25519_detached(ed_sig, NULL, msg, sizeof msg, ed_sk) != 0) abort(); }
static void ed_verify(void) { if (crypto_sign_ed25519_verify_detached(ed_sig, msg, sizeof msg, ed_pk) != 0) abort(); }
static void ed_scalar_mul(void) { crypto_core_ed25519_scalar_mul(ed_out, ed_scalar, ed_scalar2); }
static void ed_scalar_invert(void) { if (crypto_core_ed25519_scalar_invert(ed_out, ed_scalar) != 0) abort(); }

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void run(const char *name, void (*op)(void)) {
    double rounds[ROUNDS];
    for (int i = 0; i < ITERATIONS; i++) op();
    for (int r = 0; r < ROUNDS; r++) {
        double start = now_ns();
        for (int i = 0; i < ITERATIONS; i++) op();
        rounds[r] = (now_ns() - start) / ITERATIONS;
    }
    qsort(rounds, ROUNDS, sizeof rounds[0], compare);
    printf("%-22s %10.1f\n", name, rounds[ROUNDS / 2]);
}

int main(void) {
    if (sodium_init() < 0) return 1;
    ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
    randombytes_buf(aux, sizeof aux);
    if (!secp256k1_context_randomize(ctx, aux)) return 1;
    do { randombytes_buf(seckey, 32); } while (!secp256k1_ec_seckey_verify(ctx, seckey));
    do { randombytes_buf(tweak, 32); } while (!secp256k1_ec_seckey_verify(ctx, tweak));
    randombytes_buf(msg32, 32);
    randombytes_buf(msg, sizeof msg);
    if (!secp256k1_ec_pubkey_create(ctx, &pubkey, seckey)) return 1;
    if (!secp256k1_ecdsa_sign(ctx, &ecdsa_sig, msg32, seckey, NULL, NULL)) return 1;
    if (!secp256k1_keypair_create(ctx, &keypair, seckey)) return 1;
    if (!secp256k1_keypair_xonly_pub(ctx, &xonly, NULL, &keypair)) return 1;
    if (!secp256k1_schnorrsig_sign32(ctx, sig64, msg32, &keypair, aux)) return 1;
    crypto_sign_ed25519_keypair(ed_pk, ed_sk);
    crypto_core_ed25519_scalar_random(ed_scalar);
    crypto_core_ed25519_scalar_random(ed_scalar2);
    if (crypto_scalarmult_ed25519_base_noclamp(ed_point, ed_scalar2) != 0) return 1;
    crypto_sign_ed25519_detached(ed_sig, NULL, msg, sizeof msg, ed_sk);

    printf("%-22s %10s\n", "operation", "ns/op");
    run("secp256k1 k*G", secp_k_g);
    run("secp256k1 k*P", secp_k_p);
    run("secp256k1 k*P (ecdh)", secp_k_p_ecdh);
    run("secp256k1 ecdsa sign", secp_ecdsa_sign);
    run("secp256k1 ecdsa verify", secp_ecdsa_verify);
    run("secp256k1 bip340 sign", secp_bip340_sign);
    run("secp256k1 bip340 verify", secp_bip340_verify);
    run("bip340 sign+check", secp_bip340_sign_checked);
    run("ed25519 k*G", ed_k_g);
    run("ed25519 k*P", ed_k_p);
    run("ed25519 sign", ed_sign);
    run("ed25519 verify", ed_verify);
    run("ed25519 scalar mul", ed_scalar_mul);
    run("ed25519 scalar invert", ed_scalar_invert);
    secp256k1_context_destroy(ctx);
    return 0;
}
