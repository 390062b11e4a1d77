namespace Nigehban.Web.Platform.References;

/// <summary>
/// ISO/IEC 7064 MOD 37,36: one check character from the alphabet 0-9A-Z over a string of the same
/// alphabet. It catches every single-character substitution and every transposition of two
/// adjacent characters (the unit tests prove both over the whole alphabet), which are most of the
/// mistakes people make when they copy a reference by hand.
/// </summary>
public static class CheckCharacter
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The modulus; the hybrid system computes in the field of integers modulo <see cref="Modulus"/> + 1 = 37.</summary>
    internal const int Modulus = 36;

    /// <summary>The state before the first character.</summary>
    internal const int Start = Modulus;

    /// <summary>The check character for <paramref name="value"/> (characters of <see cref="Alphabet"/>, upper case).</summary>
    public static char Compute(ReadOnlySpan<char> value)
    {
        var state = Start;
        foreach (var c in value)
        {
            state = Step(state, ValueOf(c));
        }

        return Alphabet[CheckValue(state)];
    }

    public static bool IsValid(ReadOnlySpan<char> value, char check) => Compute(value) == check;

    /// <summary>One step of the recurrence: S = (P + a) mod 36, with 0 read as 36; P' = 2S mod 37.</summary>
    internal static int Step(int state, int value)
    {
        var sum = (state + value) % Modulus;
        if (sum == 0)
        {
            sum = Modulus;
        }

        return sum * 2 % (Modulus + 1);
    }

    /// <summary>The check value a with (P + a) mod 36 = 1, which is what validation of the whole string requires.</summary>
    internal static int CheckValue(int state) => (Modulus + 1 - state) % Modulus;

    internal static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => throw new ArgumentException($"'{c}' is not one of {Alphabet}.", nameof(c)),
    };
}
