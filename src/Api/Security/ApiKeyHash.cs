using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LunarVoc.Api.Security;

public static partial class ApiKeyHash
{
    public static bool IsWellFormed(string hash) => LowercaseSha256Hex().IsMatch(hash);

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static byte[] Parse(string hash) => Convert.FromHexString(hash);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowercaseSha256Hex();
}
