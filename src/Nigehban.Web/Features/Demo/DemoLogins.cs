namespace Nigehban.Web.Features.Demo;

public static class DemoLogins
{
    public static void Print(DemoSeeder seeder)
    {
        var accounts = seeder.ReadAccounts();
        if (accounts.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Demo logins (also in " + seeder.AccountsFile + "):");
        Console.WriteLine($"  {"user",-12} {"password",-18} {"role",-22} {"unit",-10} TOTP secret");
        foreach (var a in accounts)
        {
            Console.WriteLine($"  {a.UserName,-12} {a.Password,-18} {a.Role,-22} {a.Unit,-10} {a.TotpSecret}");
        }

        Console.WriteLine("  Current one-time code of a demo user: dotnet run --project src/Nigehban.Web -- demo otp <user>");
        Console.WriteLine();
    }
}
