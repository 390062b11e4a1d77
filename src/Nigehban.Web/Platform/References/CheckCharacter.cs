namespace Nigehban.Web.Platform.References;

/// <summary>
/// One check character from the alphabet 0-9A-Z over a string of the same alphabet, catching every
/// single-character substitution and every transposition of two adjacent characters (the check
/// character included) — the mistakes people make most when copying a reference. The unit tests
/// prove both over the whole alphabet.
/// </summary>
/// <remarks>
/// ISO 7064 MOD 37,36 was the first choice but misses some adjacent transpositions
/// (<c>PKMLHR26683245</c> and <c>PKMLHR26683254</c> share the check character R); see ADR-005.
/// This is instead the scheme of Verhoeff and of Gallian and Mullin: the 36 characters are the
/// elements of the abelian group G = Z9 × GF(4)+ (character value v is the pair (v mod 9, v div 9)),
/// and σ(x, y) = (2x, ωy), with ω a generator of GF(4)*, is an automorphism of G for which
/// a ↦ σ(a) − a is again a bijection. For data a1..an the check c satisfies
/// σⁿ(a1) + ... + σ(an) + c = 0. A substitution changes one term σᵏ(a) (σᵏ is a bijection); swapping
/// neighbours a, b changes the sum by σᵏ((σ(a) − a) − (σ(b) − b)), which is zero only when a = b.
/// </remarks>
public static class CheckCharacter
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Multiplication by ω in GF(4) = {0, 1, ω, ω²}, the elements coded 0, 1, 2, 3 (addition is XOR).</summary>
    private static readonly int[] TimesOmega = [0, 2, 3, 1];

    /// <summary>The check character for <paramref name="value"/> (characters of <see cref="Alphabet"/>, upper case).</summary>
    public static char Compute(ReadOnlySpan<char> value)
    {
        var sum = 0;
        foreach (var c in value)
        {
            sum = Step(sum, ValueOf(c));
        }

        return Alphabet[Negate(sum)];
    }

    public static bool IsValid(ReadOnlySpan<char> value, char check) => Compute(value) == check;

    /// <summary>Horner's rule for the weighted sum: S' = σ(S + a).</summary>
    internal static int Step(int sum, int value) => Sigma(Add(sum, value));

    internal static int Add(int a, int b) => ((a % 9) + (b % 9)) % 9 + 9 * ((a / 9) ^ (b / 9));

    internal static int Negate(int a) => (9 - (a % 9)) % 9 + 9 * (a / 9);

    internal static int Sigma(int a) => 2 * (a % 9) % 9 + 9 * TimesOmega[a / 9];

    internal static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => throw new ArgumentException($"'{c}' is not one of {Alphabet}.", nameof(c)),
    };
}
