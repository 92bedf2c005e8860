using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// The struct types of an EIP-712 request and the encoding functions of EIP-712 §Specification:
/// encodeType, typeHash, encodeData and hashStruct, with arrays and nested structs as in eth_signTypedData_v4.
/// </summary>
internal sealed class TypedDataTypes
{
    /// <summary>The most struct types one request may declare.</summary>
    public const int MaxTypes = 256;

    /// <summary>The most fields one struct type may declare.</summary>
    public const int MaxFields = 256;

    /// <summary>The deepest nesting of structs and arrays in a value.</summary>
    public const int MaxDepth = 32;

    private const int WordLength = 32;
    private static readonly string[] FieldMembers = ["name", "type"];

    private readonly Dictionary<string, IReadOnlyList<(string Name, string Type)>> _structs;

    private readonly Dictionary<string, byte[]> _typeHashes = new(StringComparer.Ordinal);

    private TypedDataTypes(Dictionary<string, IReadOnlyList<(string Name, string Type)>> structs) => _structs = structs;

    /// <summary>Reads and checks <c>types</c>: every field type must be atomic, dynamic, an array or a declared struct.</summary>
    public static TypedDataTypes Parse(JsonElement types)
    {
        if (types.ValueKind != JsonValueKind.Object)
        {
            throw new JsonFieldException($"types: expected an object of struct definitions, found {types.ValueKind}");
        }

        var structs = new Dictionary<string, IReadOnlyList<(string Name, string Type)>>(StringComparer.Ordinal);
        foreach (var type in types.EnumerateObject())
        {
            if (structs.Count == MaxTypes || !IsIdentifier(type.Name) || IsAtomicOrDynamic(type.Name))
            {
                throw new JsonFieldException($"types.{type.Name}: not a valid struct name, or more than {MaxTypes} types");
            }

            if (!structs.TryAdd(type.Name, ParseFields(type.Value, $"types.{type.Name}")))
            {
                throw new JsonFieldException($"types.{type.Name}: declared twice");
            }
        }

        var schema = new TypedDataTypes(structs);
        foreach (var (name, fields) in structs)
        {
            foreach (var field in fields)
            {
                schema.CheckType(field.Type, $"types.{name}.{field.Name}");
            }
        }

        return schema;
    }

    public bool IsStruct(string name) => _structs.ContainsKey(name);

    /// <summary>hashStruct(s) = keccak256(typeHash ‖ encodeData(s)).</summary>
    public byte[] HashStruct(string type, JsonElement value, string path) => Keccak256.Hash(EncodeData(type, value, path, 0));

    /// <summary>
    /// encodeType: <c>Name(type1 name1,…)</c> followed by the types it references, directly or not,
    /// sorted by name (EIP-712 §Definition of encodeType).
    /// </summary>
    public string EncodeType(string primary)
    {
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        CollectReferences(primary, referenced);
        referenced.Remove(primary);
        var builder = new StringBuilder();
        foreach (var name in referenced.Prepend(primary))
        {
            builder.Append(name).Append('(')
                .AppendJoin(',', _structs[name].Select(field => $"{field.Type} {field.Name}"))
                .Append(')');
        }

        return builder.ToString();
    }

    /// <summary>typeHash = keccak256(encodeType(type)), computed once per type.</summary>
    private byte[] TypeHash(string type)
    {
        if (!_typeHashes.TryGetValue(type, out var hash))
        {
            hash = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(EncodeType(type)));
            _typeHashes.Add(type, hash);
        }

        return hash;
    }

    private static List<(string Name, string Type)> ParseFields(JsonElement fields, string path)
    {
        if (fields.ValueKind != JsonValueKind.Array || fields.GetArrayLength() > MaxFields)
        {
            throw new JsonFieldException($"{path}: expected an array of at most {MaxFields} {{name, type}} fields");
        }

        var parsed = new List<(string Name, string Type)>();
        foreach (var field in fields.EnumerateArray())
        {
            var fieldPath = $"{path}[{parsed.Count}]";
            var members = JsonFields.Read(field, fieldPath, FieldMembers);
            var name = StringMember(members, fieldPath, "name");
            var type = StringMember(members, fieldPath, "type");
            if (!IsIdentifier(name) || parsed.Any(existing => existing.Name == name))
            {
                throw new JsonFieldException($"{fieldPath}.name: '{name}' is not an identifier or is repeated");
            }

            parsed.Add((name, type));
        }

        return parsed;
    }

    private static string StringMember(Dictionary<string, JsonElement> members, string path, string name)
    {
        var value = JsonFields.Required(members, path, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw new JsonFieldException($"{path}.{name}: expected a string, found {value.ValueKind}");
    }

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 256 && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    private static bool IsAtomicOrDynamic(string type) =>
        type is "address" or "bool" or "string" or "bytes"
        || FixedBytesLength(type) is not null || IntegerBits(type) is not null;

    /// <summary>N of <c>bytesN</c> (1 ≤ N ≤ 32), else null.</summary>
    private static int? FixedBytesLength(string type) =>
        type.StartsWith("bytes", StringComparison.Ordinal) && TryParseSize(type.AsSpan(5), out var n) && n is >= 1 and <= 32 ? n : null;

    /// <summary>(bits, signed) of <c>uintN</c>/<c>intN</c> (N a multiple of 8 from 8 to 256), else null.</summary>
    private static (int Bits, bool Signed)? IntegerBits(string type)
    {
        var signed = type.StartsWith("int", StringComparison.Ordinal);
        var digits = signed ? type.AsSpan(3) : type.StartsWith("uint", StringComparison.Ordinal) ? type.AsSpan(4) : [];
        return TryParseSize(digits, out var bits) && bits is >= 8 and <= 256 && bits % 8 == 0 ? (bits, signed) : null;
    }

    /// <summary>A decimal size without sign or leading zeros (at most 3 digits, as every EIP-712 size fits).</summary>
    private static bool TryParseSize(ReadOnlySpan<char> digits, out int size)
    {
        size = 0;
        return digits.Length is > 0 and <= 3 && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    /// <summary>Splits <c>T[]</c> / <c>T[n]</c> into the element type and the fixed length (null when dynamic).</summary>
    private static bool TrySplitArray(string type, out string element, out int? length)
    {
        element = type;
        length = null;
        if (!type.EndsWith(']'))
        {
            return false;
        }

        var open = type.LastIndexOf('[');
        if (open <= 0)
        {
            throw new JsonFieldException($"type '{type}': malformed array type");
        }

        element = type[..open];
        var size = type.AsSpan(open + 1, type.Length - open - 2);
        if (size.IsEmpty)
        {
            return true;
        }

        length = TryParseSize(size, out var n) ? n : throw new JsonFieldException($"type '{type}': array size must be 1 to 999");
        return true;
    }

    private void CheckType(string type, string path)
    {
        if (TrySplitArray(type, out var element, out _))
        {
            CheckType(element, path);
        }
        else if (!IsAtomicOrDynamic(type) && !_structs.ContainsKey(type))
        {
            throw new JsonFieldException($"{path}: type '{type}' is neither an EIP-712 atomic type nor a declared struct");
        }
    }

    private void CollectReferences(string type, SortedSet<string> found)
    {
        while (TrySplitArray(type, out var element, out _))
        {
            type = element;
        }

        if (_structs.TryGetValue(type, out var fields) && found.Add(type))
        {
            foreach (var field in fields)
            {
                CollectReferences(field.Type, found);
            }
        }
    }

    /// <summary>encodeData: typeHash ‖ the 32-byte encoding of each declared field, in declaration order.</summary>
    private byte[] EncodeData(string type, JsonElement value, string path, int depth)
    {
        var fields = _structs[type];
        var members = JsonFields.Read(value, path, [.. fields.Select(field => field.Name)]);
        var encoded = new byte[WordLength * (1 + fields.Count)];
        TypeHash(type).CopyTo(encoded, 0);
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, fieldType) = fields[i];
            var fieldPath = JsonFields.Join(path, name);
            EncodeField(fieldType, JsonFields.Required(members, path, name), fieldPath, depth)
                .CopyTo(encoded.AsSpan(WordLength * (i + 1)));
        }

        return encoded;
    }

    private byte[] EncodeField(string type, JsonElement value, string path, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new JsonFieldException($"{path}: nested deeper than {MaxDepth}");
        }

        if (TrySplitArray(type, out var element, out var length))
        {
            return EncodeArray(element, length, value, path, depth + 1);
        }

        if (_structs.ContainsKey(type))
        {
            return value.ValueKind == JsonValueKind.Object ? Keccak256.Hash(EncodeData(type, value, path, depth + 1))
                : throw new JsonFieldException($"{path}: expected a {type} object, found {value.ValueKind}");
        }

        return TypedDataAtoms.Encode(type, value, path, FixedBytesLength(type), IntegerBits(type));
    }

    /// <summary>Arrays (v4): keccak256 of the concatenated encodings of the elements.</summary>
    private byte[] EncodeArray(string element, int? length, JsonElement value, string path, int depth)
    {
        if (value.ValueKind != JsonValueKind.Array || (length is { } n && value.GetArrayLength() != n))
        {
            throw new JsonFieldException($"{path}: expected an array{(length is { } size ? $" of exactly {size} elements" : string.Empty)}");
        }

        var concatenated = new byte[WordLength * value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            EncodeField(element, item, $"{path}[{index}]", depth).CopyTo(concatenated.AsSpan(WordLength * index));
            index++;
        }

        return Keccak256.Hash(concatenated);
    }
}
