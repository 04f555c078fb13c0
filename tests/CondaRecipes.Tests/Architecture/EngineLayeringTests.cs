using System.Reflection;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Architecture;

/// <summary>
/// The engine assembly has no MSBuild reference, so the compiler keeps MSBuild types out of every method body
/// in it; this test guards the project file (nobody adds the reference back) and the direction of the
/// dependency (docs/architecture.md, "Layers").
/// </summary>
public class EngineLayeringTests
{
    private static readonly Assembly Engine = typeof(CondaRecipesException).Assembly;

    [Test]
    public void The_engine_assembly_references_no_MSBuild_assembly()
    {
        Assert.That(Engine.GetName().Name, Is.EqualTo("CondaRecipes.Engine"));
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Has.None.StartsWith("Microsoft.Build"));
        Assert.That(references, Has.None.EqualTo("CondaRecipes.Tasks"), "the engine must not depend on its adapters");
    }

    [Test]
    public void The_task_assembly_holds_only_the_Tasks_namespace()
    {
        var tasks = Assembly.Load("CondaRecipes.Tasks");
        Assert.That(tasks.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("CondaRecipes.Engine"));
        var strays = tasks.GetTypes()
            .Where(t => t.Namespace is { } ns && !ns.StartsWith("CondaRecipes.Tasks", StringComparison.Ordinal))
            .Where(t => !t.Name.StartsWith('<'))
            .Select(t => t.FullName).ToList();
        Assert.That(strays, Is.Empty);
    }
}
