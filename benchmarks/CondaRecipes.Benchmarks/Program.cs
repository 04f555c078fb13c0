using System.Reflection;
using CondaRecipes.Benchmarks;

// Finds every IBenchmark in this assembly; runs those named on the command line, or all of them.
var all = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

var selected = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"No benchmark named {string.Join(", ", args)}. Known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

var report = new BenchmarkReport();
foreach (var benchmark in selected)
{
    var scratch = Directory.CreateTempSubdirectory($"cr-bench-{benchmark.Name}-").FullName;
    Console.WriteLine($"== {benchmark.Name}");
    try { benchmark.Run(scratch, report); }
    finally { try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } }
}
report.Print(Console.Out);
return 0;
