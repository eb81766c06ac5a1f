#pragma once

#include "core/result.h"

#include <QString>
#include <QStringView>

#include <array>
#include <cstdint>

namespace sluice::arrow {

// An Arrow decimal128 value: the unscaled integer in 128-bit two's complement, as the 16
// little-endian bytes the format stores. Built and printed with exact digit arithmetic (no
// floating point, no compiler-specific 128-bit type).
struct Decimal128
{
    std::array<std::uint8_t, 16> bytes {}; // little-endian two's complement

    // `text` ("-12.34", "+7", ".5", "0.100") as a decimal(precision, scale): the fraction is
    // extended with zeros to `scale` digits; digits past it are refused unless they are zeros
    // (no rounding), and so is a value with more than `precision` digits. BadRequest says why.
    static Result<Decimal128> parse(QStringView text, int precision, int scale);
    static Decimal128 fromBytes(const char *littleEndian16);

    // The exact text at `scale` ("-12.340", "0.001", "12"); a negative scale appends zeros.
    QString toString(int scale) const;
    bool isNegative() const { return bytes[15] & 0x80; }
};

} // namespace sluice::arrow
