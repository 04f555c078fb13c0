using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Architecture;

/// <summary>
/// The engine folders (everything outside CondaRecipes.Tasks) must not touch MSBuild's types, so they stay
/// usable and testable on their own (DESIGN.md, "Layers").
/// </summary>
public class EngineLayeringTests
{
    [Test]
    public void Only_the_Tasks_namespace_references_MSBuild()
    {
        var assembly = typeof(CondaRecipesException).Assembly;
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();

        // Every type reference into Microsoft.Build.*, and the namespaces of the methods whose bodies use it.
        var msbuildTypes = md.TypeReferences.Select(h => md.GetTypeReference(h))
            .Where(t => md.GetString(t.Namespace).StartsWith("Microsoft.Build", StringComparison.Ordinal))
            .Select(t => md.GetString(t.Name)).ToHashSet();
        Assert.That(msbuildTypes, Is.Not.Empty, "the task layer uses MSBuild, so some references must exist");

        var offenders = assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && !ns.StartsWith("CondaRecipes.Tasks", StringComparison.Ordinal))
            .Where(t => UsesMSBuild(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    private static bool UsesMSBuild(Type t)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        static bool IsMSBuild(Type? x) => x?.Namespace?.StartsWith("Microsoft.Build", StringComparison.Ordinal) == true;
        return IsMSBuild(t.BaseType)
               || t.GetInterfaces().Any(IsMSBuild)
               || t.GetFields(all).Any(f => IsMSBuild(f.FieldType))
               || t.GetProperties(all).Any(p => IsMSBuild(p.PropertyType))
               || t.GetMethods(all).Any(m => IsMSBuild(m.ReturnType) || m.GetParameters().Any(p => IsMSBuild(p.ParameterType)));
    }
}
