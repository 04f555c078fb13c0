using CondaRecipes.Tests.Channels.Publishing;

namespace CondaRecipes.Tests.Support;

/// <summary>
/// The test assembly's entry point when it runs as a program (<c>dotnet CondaRecipes.Tests.dll &lt;command&gt;</c>):
/// tests that must kill a process with SIGKILL run the engine code in such a child. Under the test runner this
/// is not called.
/// </summary>
public static class TestProgram
{
    public static int Main(string[] args)
    {
        if (args is ["publish", var channel, var holdAt, .. var items])
            return PublishChild.Run(channel, holdAt, items);
        Console.Error.WriteLine("usage: publish <channel> <step to stop at|none> <archive>=<subdir>...");
        return 2;
    }
}
