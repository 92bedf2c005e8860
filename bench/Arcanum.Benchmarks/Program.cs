using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// A short job keeps a full run within a few minutes on a 2-core machine; pass BenchmarkDotNet's own
// options (e.g. --filter '*Secp256k1*', --job default) to change it.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Arcanum.Benchmarks.Secp256k1Benchmarks).Assembly).Run(args, config);
