#include "arrow/decimal128.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace sluice::arrow {

namespace {

// A 128-bit magnitude as four 32-bit limbs, least significant first: multiplying and dividing by
// ten fit in 64-bit intermediates.
using Limbs = std::array<std::uint32_t, 4>;

void multiplyAdd(Limbs &limbs, std::uint32_t factor, std::uint32_t addend)
{
    std::uint64_t carry = addend;
    for (std::uint32_t &limb : limbs) {
        const std::uint64_t product = std::uint64_t(limb) * factor + carry;
        limb = std::uint32_t(product);
        carry = product >> 32;
    }
}

// Divides in place, returning the remainder.
std::uint32_t divide(Limbs &limbs, std::uint32_t divisor)
{
    std::uint64_t remainder = 0;
    for (int i = 3; i >= 0; --i) {
        const std::uint64_t current = (remainder << 32) | limbs[i];
        limbs[i] = std::uint32_t(current / divisor);
        remainder = current % divisor;
    }
    return std::uint32_t(remainder);
}

bool isZero(const Limbs &limbs)
{
    return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0;
}

// Two's complement negation.
void negate(Limbs &limbs)
{
    std::uint64_t carry = 1;
    for (std::uint32_t &limb : limbs) {
        const std::uint64_t sum = std::uint64_t(std::uint32_t(~limb)) + carry;
        limb = std::uint32_t(sum);
        carry = sum >> 32;
    }
}

Limbs toLimbs(const std::array<std::uint8_t, 16> &bytes)
{
    Limbs limbs {};
    for (int i = 0; i < 16; ++i)
        limbs[i / 4] |= std::uint32_t(bytes[i]) << (8 * (i % 4));
    return limbs;
}

std::array<std::uint8_t, 16> toBytes(const Limbs &limbs)
{
    std::array<std::uint8_t, 16> bytes {};
    for (int i = 0; i < 16; ++i)
        bytes[i] = std::uint8_t(limbs[i / 4] >> (8 * (i % 4)));
    return bytes;
}

} // namespace

Result<Decimal128> Decimal128::parse(QStringView text, int precision, int scale)
{
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision)
        return Error::badRequest(
            u"decimal128(%1, %2) is not a type Sluice writes"_s.arg(precision).arg(scale));
    qsizetype pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == u'-' || text[pos] == u'+')) {
        negative = text[pos] == u'-';
        ++pos;
    }
    const qsizetype intStart = pos;
    while (pos < text.size() && text[pos].isDigit() && text[pos].unicode() < 128)
        ++pos;
    const QStringView intDigits = text.sliced(intStart, pos - intStart);
    QStringView fracDigits;
    if (pos < text.size() && text[pos] == u'.') {
        const qsizetype fracStart = ++pos;
        while (pos < text.size() && text[pos].isDigit() && text[pos].unicode() < 128)
            ++pos;
        fracDigits = text.sliced(fracStart, pos - fracStart);
    }
    if (pos != text.size() || (intDigits.isEmpty() && fracDigits.isEmpty()))
        return Error::badRequest(u"'%1' is not a decimal number"_s.arg(text.left(40)));
    // Digits past the scale must be zeros: anything else would need rounding.
    for (qsizetype i = scale; i < fracDigits.size(); ++i) {
        if (fracDigits[i] != u'0')
            return Error::badRequest(
                u"'%1' has more than %2 decimal places for decimal128(%3, %2)"_s.arg(text.left(40))
                    .arg(scale)
                    .arg(precision));
    }
    if (fracDigits.size() > scale)
        fracDigits = fracDigits.first(scale);
    QStringView significant = intDigits;
    while (!significant.isEmpty() && significant.front() == u'0')
        significant = significant.sliced(1);
    if (significant.size() + scale > precision)
        return Error::badRequest(u"'%1' has more than %2 digits before the decimal point for "
                                 u"decimal128(%3, %4)"_s.arg(text.left(40))
                                     .arg(precision - scale)
                                     .arg(precision)
                                     .arg(scale));
    Limbs limbs {};
    for (QChar digit : significant)
        multiplyAdd(limbs, 10, digit.unicode() - u'0');
    for (QChar digit : fracDigits)
        multiplyAdd(limbs, 10, digit.unicode() - u'0');
    for (qsizetype i = fracDigits.size(); i < scale; ++i)
        multiplyAdd(limbs, 10, 0);
    if (negative && !isZero(limbs))
        negate(limbs);
    Decimal128 value;
    value.bytes = toBytes(limbs);
    return value;
}

Decimal128 Decimal128::fromBytes(const char *littleEndian16)
{
    Decimal128 value;
    std::memcpy(value.bytes.data(), littleEndian16, 16);
    return value;
}

QString Decimal128::toString(int scale) const
{
    Limbs limbs = toLimbs(bytes);
    const bool negative = isNegative();
    if (negative)
        negate(limbs); // -2^127 stays itself, read as the unsigned 2^127: still the right digits
    char digits[80];
    int count = 0;
    do {
        digits[count++] = char('0' + divide(limbs, 10));
    } while (!isZero(limbs));
    QString text;
    text.reserve(count + 4 + (scale < 0 ? -scale : 0));
    if (negative)
        text += u'-';
    if (scale <= 0) {
        for (int i = count - 1; i >= 0; --i)
            text += QLatin1Char(digits[i]);
        if (!(count == 1 && digits[0] == '0'))
            text += QString(-scale, u'0');
        return text;
    }
    // Leading zeros so that at least one digit stands before the point.
    while (count <= scale)
        digits[count++] = '0';
    for (int i = count - 1; i >= 0; --i) {
        if (i == scale - 1)
            text += u'.';
        text += QLatin1Char(digits[i]);
    }
    return text;
}

} // namespace sluice::arrow
