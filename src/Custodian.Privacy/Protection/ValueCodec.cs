using System.Globalization;
using System.Text;

namespace Custodian.Privacy.Protection;

/// <summary>Plaintext bytes of the value types personal fields use; culture-invariant.</summary>
internal static class ValueCodec
{
    public static byte[] Encode<T>(T value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value), "Store no value instead of an encrypted null."),
        string s => Encoding.UTF8.GetBytes(s),
        byte[] b => b,
        DateOnly d => Encoding.ASCII.GetBytes(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        decimal m => Encoding.ASCII.GetBytes(m.ToString(CultureInfo.InvariantCulture)),
        int i => Encoding.ASCII.GetBytes(i.ToString(CultureInfo.InvariantCulture)),
        long l => Encoding.ASCII.GetBytes(l.ToString(CultureInfo.InvariantCulture)),
        bool b => [b ? (byte)'1' : (byte)'0'],
        _ => throw new NotSupportedException($"Encrypted fields of type {typeof(T).Name} are not supported."),
    };

    public static T Decode<T>(ReadOnlySpan<byte> bytes)
    {
        object value = typeof(T) switch
        {
            var t when t == typeof(string) => Encoding.UTF8.GetString(bytes),
            var t when t == typeof(byte[]) => bytes.ToArray(),
            var t when t == typeof(DateOnly) => DateOnly.ParseExact(Encoding.ASCII.GetString(bytes), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            var t when t == typeof(decimal) => decimal.Parse(Encoding.ASCII.GetString(bytes), NumberStyles.Number, CultureInfo.InvariantCulture),
            var t when t == typeof(int) => int.Parse(Encoding.ASCII.GetString(bytes), CultureInfo.InvariantCulture),
            var t when t == typeof(long) => long.Parse(Encoding.ASCII.GetString(bytes), CultureInfo.InvariantCulture),
            var t when t == typeof(bool) => bytes.Length == 1 && bytes[0] == (byte)'1',
            _ => throw new NotSupportedException($"Encrypted fields of type {typeof(T).Name} are not supported."),
        };
        return (T)value;
    }
}
