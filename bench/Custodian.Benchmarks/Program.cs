using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Custodian.Benchmarks;

// dotnet run -c Release --project bench/Custodian.Benchmarks -- crypto          (BenchmarkDotNet)
// dotnet run -c Release --project bench/Custodian.Benchmarks -- audit [entries] [host settings...]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- requests [subjects] [host settings...]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- wb-load [rows] [host settings...]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- collection-scale [accounts] [--factor=60 --instances=1,2,4 --products=10 --days=20 --parallelism=8 --pace=1]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- collection-floor [--factor=10 --products=1000 --days=120 --pace=0.97 --ozon] [host settings...]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- guidance-open [clients=500] [opens=2000] [host settings...]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- share-load [orders=1000000] [--seconds=30 --connections=8] [host settings...]   (needs wrk)
// dotnet run -c Release --project bench/Custodian.Benchmarks -- training-enrol [requests=2000] [concurrency=8] [--records=postgres] [host settings...]
// dotnet run -c Release --project bench/Custodian.Benchmarks -- dashboards [orders] [sales] [--ozon=1000000 --runs=20 --page-runs=50 --warm-up=3 --keep] [host settings...]
if (args is ["audit", ..])
{
    var entries = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000;
    await AuditThroughput.RunAsync(entries, args.Skip(2).ToArray());
    return 0;
}

if (args is ["requests", ..])
{
    var people = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000;
    await RequestThroughput.RunAsync(people, args.Skip(2).ToArray());
    return 0;
}

if (args is ["wb-load", ..])
{
    var rows = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000;
    await WildberriesLoad.RunAsync(rows, args.Skip(2).ToArray());
    return 0;
}

if (args is ["collection-scale", ..])
{
    var accounts = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 80;
    await CollectionScale.RunAsync(accounts, args.Skip(2).ToArray());
    return 0;
}

if (args is ["collection-floor", ..])
{
    await CollectionFloor.RunAsync(args.Skip(1).ToArray());
    return 0;
}

if (args is ["dashboards", ..])
{
    var numbers = args.Skip(1).TakeWhile(a => long.TryParse(a, out _)).Select(a => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    await SellerDashboards.RunAsync(numbers.ElementAtOrDefault(0) is > 0 and var orders ? orders : 10_000_000, numbers.ElementAtOrDefault(1) is > 0 and var sales ? sales : 1_000_000, args.Skip(1 + numbers.Count).ToArray());
    return 0;
}

if (args is ["share-load", ..])
{
    var numbers = args.Skip(1).TakeWhile(a => long.TryParse(a, out _)).Select(a => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    await ShareLinkLoad.RunAsync(numbers.ElementAtOrDefault(0) is > 0 and var orders ? orders : 1_000_000, args.Skip(1 + numbers.Count).ToArray());
    return 0;
}

if (args is ["training-enrol", ..])
{
    var numbers = args.Skip(1).TakeWhile(a => int.TryParse(a, out _)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    await EnrolmentApi.RunAsync(numbers.ElementAtOrDefault(0) is > 0 and var requests ? requests : 2000, numbers.ElementAtOrDefault(1) is > 0 and var concurrency ? concurrency : 8, args.Skip(1 + numbers.Count).ToArray());
    return 0;
}

if (args is ["guidance-open", ..])
{
    var numbers = args.Skip(1).TakeWhile(a => int.TryParse(a, out _)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    await GuidanceRecordOpen.RunAsync(numbers.ElementAtOrDefault(0) is > 0 and var clients ? clients : 500, numbers.ElementAtOrDefault(1) is > 0 and var opens ? opens : 2000, args.Skip(1 + numbers.Count).ToArray());
    return 0;
}

if (args is ["crypto", ..])
{
    // In-process: the benchmark runs in this build (Release, linux-x64) instead of a generated project.
    var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    BenchmarkRunner.Run<FieldEncryptionBenchmarks>(config, args.Skip(1).ToArray());
    return 0;
}

Console.Error.WriteLine("usage: Custodian.Benchmarks crypto [BenchmarkDotNet options] | audit [entries] | requests [subjects] | wb-load [rows] | collection-scale [accounts] | collection-floor | dashboards [orders] [sales] | guidance-open [clients] [opens] | share-load [orders]  [--Database:Provider=Postgres --Database:ConnectionString=...]");
return 2;
