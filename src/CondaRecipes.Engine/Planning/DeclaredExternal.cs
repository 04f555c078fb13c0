namespace CondaRecipes.Planning;

/// <summary>A <c>CondaExternal</c> item: host software standing in for a conda package (empty strings when unset).</summary>
public sealed record DeclaredExternal(string Name, string Version, string Build, string Path);
