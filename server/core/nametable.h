#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <cstddef>
#include <optional>

namespace sluice {

// The name of one enum value. An enum's names are one constexpr table of these, listed in the
// enum's order, instead of a switch per enum:
//
//     constexpr std::array ErrorKindNames = {
//         EnumName { ErrorKind::BadRequest, u"bad request" },
//         …
//     };
//     static_assert(listsEnumInOrder(ErrorKindNames));
//     QString errorKindName(ErrorKind kind) { return nameOf(ErrorKindNames, kind); }
template<typename Enum> struct EnumName
{
    Enum value;
    QStringView name;
};

template<typename Enum> EnumName(Enum, const char16_t *) -> EnumName<Enum>;

// True when row i of `table` names the value i: nameOf() then indexes the table directly.
template<typename Enum, std::size_t N>
constexpr bool listsEnumInOrder(const std::array<EnumName<Enum>, N> &table)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (static_cast<std::size_t>(table[i].value) != i)
            return false;
    }
    return true;
}

// The name of `value` (`fallback` for a value the table lacks). No allocation: the QString
// refers to the table's literal, as u"…"_s would.
template<typename Enum, std::size_t N>
QString nameOf(const std::array<EnumName<Enum>, N> &table, Enum value, QStringView fallback = {})
{
    const auto index = static_cast<std::size_t>(value);
    const QStringView name = index < N ? table[index].name : fallback;
    return QString::fromRawData(name.data(), name.size());
}

// The value named `name`, or nothing.
template<typename Enum, std::size_t N>
std::optional<Enum> valueNamed(const std::array<EnumName<Enum>, N> &table, QStringView name,
                               Qt::CaseSensitivity sensitivity = Qt::CaseSensitive)
{
    for (const EnumName<Enum> &row : table) {
        if (name.compare(row.name, sensitivity) == 0)
            return row.value;
    }
    return std::nullopt;
}

} // namespace sluice
