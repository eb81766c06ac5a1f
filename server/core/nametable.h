#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <array>
#include <cstddef>
#include <optional>
#include <type_traits>

namespace sluice {

// The name of one enum value. An enum's names are one constexpr table of these, listed in the
// enum's order, instead of a switch per enum, built by enumNames() (below), which checks them:
//
//     constexpr auto ErrorKindNames = enumNames<ErrorKind::Internal>({
//         { ErrorKind::BadRequest, u"bad request" },
//         …
//         { ErrorKind::Internal, u"internal error" },
//     });
//     QString errorKindName(ErrorKind kind) { return nameOf(ErrorKindNames, kind); }
//
// Names written u"…" are text (nameOf gives a QString); names written "…" are bytes (a
// QByteArray), for wire tokens such as HTTP methods.
template<typename Enum, typename Name = QStringView> struct EnumName
{
    Enum value;
    Name name;
};

template<typename Enum> EnumName(Enum, const char16_t *) -> EnumName<Enum, QStringView>;
template<typename Enum> EnumName(Enum, const char *) -> EnumName<Enum, QByteArrayView>;

namespace detail {
inline QString fromStaticName(QStringView name)
{
    return QString::fromRawData(name.data(), name.size());
}
inline QByteArray fromStaticName(QByteArrayView name)
{
    return QByteArray::fromRawData(name.data(), name.size());
}

// Not constexpr on purpose: enumNames() calls it for a bad table, which stops the compile with
// this name in the error.
inline void nameTableIsNotInEnumOrderOrMissesItsLastValue() { }
} // namespace detail

// True when row i of `table` names the value i: nameOf() then indexes the table directly.
template<typename Enum, typename Name, std::size_t N>
constexpr bool listsEnumInOrder(const std::array<EnumName<Enum, Name>, N> &table)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (static_cast<std::size_t>(table[i].value) != i)
            return false;
    }
    return true;
}

// The table of `rows`, checked while it is compiled: row i must name value i (nameOf() indexes
// the table directly) and the last row must name `Last` (a value added to the enum but not to
// its table fails the build). Names are text (QStringView) unless `Name` says QByteArrayView.
template<auto Last, typename Name = QStringView, std::size_t N>
consteval std::array<EnumName<decltype(Last), Name>, N>
enumNames(const EnumName<decltype(Last), Name> (&rows)[N])
{
    const std::array table = std::to_array(rows);
    if (!listsEnumInOrder(table) || table.back().value != Last)
        detail::nameTableIsNotInEnumOrderOrMissesItsLastValue();
    return table;
}

// The name of `value` (`fallback` for a value the table lacks), for a table in the enum's
// order. No allocation: the string refers to the table's literal, as u"…"_s would.
template<typename Enum, typename Name, std::size_t N>
auto nameOf(const std::array<EnumName<Enum, Name>, N> &table, Enum value,
            std::type_identity_t<Name> fallback = {})
{
    const auto index = static_cast<std::size_t>(value);
    return detail::fromStaticName(index < N ? table[index].name : fallback);
}

// The value named `name`, or nothing.
template<typename Enum, typename Name, std::size_t N>
std::optional<Enum> valueNamed(const std::array<EnumName<Enum, Name>, N> &table,
                               std::type_identity_t<Name> name,
                               Qt::CaseSensitivity sensitivity = Qt::CaseSensitive)
{
    for (const EnumName<Enum, Name> &row : table) {
        if (name.compare(row.name, sensitivity) == 0)
            return row.value;
    }
    return std::nullopt;
}

} // namespace sluice
