#include "query/filter.h"

#include "query/token.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Limits against abuse. The parser recurses once per '(' or NOT, so the depth limit also bounds
// its stack; the length limit bounds the work and the memory of one parse.
constexpr qsizetype MaxFilterLength = 4096;
constexpr int MaxFilterDepth = 64;

const QString Parameter = u"filter"_s;

using Node = std::shared_ptr<FilterNode>;

// Recursive descent over the token list:
//   or         := and ( OR and )*
//   and        := unary ( AND unary )*
//   unary      := NOT unary | '(' or ')' | comparison
//   comparison := name operator ...
// Each parse function returns null after recording the first error in m_error.
class FilterParser
{
public:
    FilterParser(const QString &source, QList<Token> tokens)
        : m_source(source)
        , m_tokens(std::move(tokens))
    {
    }

    Result<FilterExpr> parse()
    {
        Node root = parseOr();
        if (root && !atEnd())
            fail(unexpected(at()));
        if (m_error)
            return *m_error;
        return FilterExpr(std::move(root));
    }

private:
    const Token &at() const { return m_tokens.at(m_index); }
    const Token &previous() const { return m_tokens.at(m_index - 1); }
    const Token &take() { return m_tokens.at(m_index++); }
    bool atEnd() const { return at().type == Token::Type::End; }

    Node fail(Error error)
    {
        if (!m_error)
            m_error = std::move(error);
        return nullptr;
    }

    QString describe(const Token &token) const { return describeToken(token, m_source); }

    Error unexpected(const Token &token) const
    {
        return syntaxError(Parameter, u"unexpected "_s + describe(token), token.position);
    }

    // "expected X after 'prev' at <prev>" at the end of the input, otherwise
    // "expected X after 'prev', found 'tok' at <tok>": the position is always that of the last
    // token the message quotes.
    Error expected(const QString &what, const Token &after) const
    {
        const Token &found = at();
        if (found.type == Token::Type::End)
            return syntaxError(Parameter, u"expected "_s + what + u" after "_s + describe(after),
                               after.position);
        return syntaxError(Parameter,
                           u"expected "_s + what + u" after "_s + describe(after) + u", found "_s
                               + describe(found),
                           found.position);
    }

    // Adds `child` to an And/Or node, splicing a child of the same kind so that
    // a AND (b AND c) is one And with three children.
    static void adopt(FilterNode &parent, Node child)
    {
        if (child->kind == parent.kind)
            parent.children.append(child->children);
        else
            parent.children.append(std::move(child));
    }

    Node parseChain(FilterNode::Kind kind, QLatin1StringView keyword, Node (FilterParser::*next)())
    {
        Node first = (this->*next)();
        if (!first || !at().isKeyword(keyword))
            return first;
        auto chain = std::make_shared<FilterNode>();
        chain->kind = kind;
        adopt(*chain, std::move(first));
        while (at().isKeyword(keyword)) {
            take();
            Node operand = (this->*next)();
            if (!operand)
                return nullptr;
            adopt(*chain, std::move(operand));
        }
        return chain;
    }

    Node parseOr() { return parseChain(FilterNode::Kind::Or, "OR"_L1, &FilterParser::parseAnd); }
    Node parseAnd()
    {
        return parseChain(FilterNode::Kind::And, "AND"_L1, &FilterParser::parseUnary);
    }

    bool enter(const Token &opener)
    {
        if (++m_depth <= MaxFilterDepth)
            return true;
        fail(syntaxError(Parameter,
                         u"nesting deeper than the maximum of "_s + QString::number(MaxFilterDepth)
                             + u" levels: "_s + describe(opener),
                         opener.position));
        return false;
    }

    Node parseUnary()
    {
        if (at().isKeyword("NOT"_L1)) {
            const Token &notToken = take();
            if (!enter(notToken))
                return nullptr;
            Node operand = parseUnary();
            --m_depth;
            if (!operand)
                return nullptr;
            auto node = std::make_shared<FilterNode>();
            node->kind = FilterNode::Kind::Not;
            node->children.append(std::move(operand));
            return node;
        }
        if (at().isSymbol(u"(")) {
            const Token &open = take();
            if (!enter(open))
                return nullptr;
            Node inner = parseOr();
            --m_depth;
            if (!inner)
                return nullptr;
            if (atEnd())
                return fail(syntaxError(Parameter, u"missing ')' for '('"_s, open.position));
            if (!at().isSymbol(u")"))
                return fail(unexpected(at()));
            take();
            return inner;
        }
        return parseComparison();
    }

    // Words that can never be a bare column name: the connectives and the literals.
    static bool isReservedWord(const Token &token)
    {
        for (auto word : { "AND"_L1, "OR"_L1, "NOT"_L1, "NULL"_L1, "TRUE"_L1, "FALSE"_L1 }) {
            if (token.isKeyword(word))
                return true;
        }
        return false;
    }

    Node parseComparison()
    {
        if (atEnd()) {
            // Only reachable after a token: a blank filter never gets here.
            return fail(expected(u"a column name"_s, previous()));
        }
        if (!at().isName() || isReservedWord(at()))
            return fail(unexpected(at()));

        const Token &columnToken = take();
        auto node = std::make_shared<FilterNode>();
        node->kind = FilterNode::Kind::Comparison;
        node->column = columnToken.text;
        node->columnPosition = columnToken.position;

        const Token &opToken = at();
        if (opToken.type == Token::Type::Symbol) {
            static const std::pair<QString, FilterOp> symbols[] = {
                { u"="_s, FilterOp::Eq },     { u"!="_s, FilterOp::NotEq },
                { u"<>"_s, FilterOp::NotEq }, { u">"_s, FilterOp::Gt },
                { u">="_s, FilterOp::Ge },    { u"<"_s, FilterOp::Lt },
                { u"<="_s, FilterOp::Le },
            };
            for (const auto &[symbol, op] : symbols) {
                if (opToken.text == symbol) {
                    take();
                    node->op = op;
                    return parseValue(*node, opToken, false) ? node : nullptr;
                }
            }
        }
        if (opToken.type != Token::Type::Word)
            return fail(expected(u"an operator"_s, columnToken));

        take();
        bool negated = false;
        const Token *keyword = &opToken;
        if (opToken.isKeyword("NOT"_L1)) {
            negated = true;
            if (!(at().isKeyword("IN"_L1) || at().isKeyword("LIKE"_L1)
                  || at().isKeyword("BETWEEN"_L1)))
                return fail(expected(u"IN, LIKE or BETWEEN"_s, opToken));
            keyword = &take();
        }

        if (keyword->isKeyword("IN"_L1)) {
            node->op = negated ? FilterOp::NotIn : FilterOp::In;
            return parseList(*node, *keyword) ? node : nullptr;
        }
        if (keyword->isKeyword("LIKE"_L1)) {
            node->op = negated ? FilterOp::NotLike : FilterOp::Like;
            return parseValue(*node, *keyword, true) ? node : nullptr;
        }
        if (keyword->isKeyword("BETWEEN"_L1)) {
            node->op = negated ? FilterOp::NotBetween : FilterOp::Between;
            if (!parseValue(*node, *keyword, false))
                return nullptr;
            const Token &low = previous();
            if (!at().isKeyword("AND"_L1))
                return fail(expected(u"AND"_s, low));
            const Token &andToken = take();
            return parseValue(*node, andToken, false) ? node : nullptr;
        }
        if (keyword->isKeyword("IS"_L1)) {
            node->op = FilterOp::IsNull;
            const Token *last = keyword;
            if (at().isKeyword("NOT"_L1)) {
                node->op = FilterOp::IsNotNull;
                last = &take();
            }
            if (!at().isKeyword("NULL"_L1))
                return fail(expected(u"NULL"_s, *last));
            take();
            return node;
        }
        if (keyword->isKeyword("CONTAINS"_L1)) {
            node->op = FilterOp::Contains;
            return parseValue(*node, *keyword, true) ? node : nullptr;
        }
        if (keyword->isKeyword("STARTS"_L1) || keyword->isKeyword("ENDS"_L1)) {
            node->op = keyword->isKeyword("STARTS"_L1) ? FilterOp::StartsWith : FilterOp::EndsWith;
            if (!at().isKeyword("WITH"_L1))
                return fail(expected(u"WITH"_s, *keyword));
            const Token &with = take();
            return parseValue(*node, with, true) ? node : nullptr;
        }
        return fail(
            syntaxError(Parameter, u"unknown operator "_s + describe(opToken), opToken.position));
    }

    // '(' value (',' value)* ')'
    bool parseList(FilterNode &node, const Token &inToken)
    {
        if (!at().isSymbol(u"(")) {
            fail(expected(u"'('"_s, inToken));
            return false;
        }
        const Token &open = take();
        if (!parseValue(node, open, false))
            return false;
        for (;;) {
            if (at().isSymbol(u")")) {
                take();
                return true;
            }
            if (atEnd()) {
                fail(syntaxError(Parameter, u"missing ')' for '('"_s, open.position));
                return false;
            }
            if (!at().isSymbol(u",")) {
                fail(expected(u"',' or ')'"_s, previous()));
                return false;
            }
            const Token &comma = take();
            if (!parseValue(node, comma, false))
                return false;
        }
    }

    // Appends the literal at the cursor to node.values. `after` is the token before it, named
    // when the literal is missing.
    bool parseValue(FilterNode &node, const Token &after, bool stringOnly)
    {
        const Token &token = at();
        FilterValue value;
        value.position = token.position;
        value.text = m_source.mid(token.position, token.length);
        switch (token.type) {
        case Token::Type::String: value.value = token.text; break;
        case Token::Type::Number:
            if (stringOnly) {
                fail(expected(u"a string"_s, after));
                return false;
            }
            if (!convertNumber(token, value))
                return false;
            break;
        case Token::Type::Word:
            if (token.isKeyword("NULL"_L1)) {
                fail(syntaxError(Parameter,
                                 u"NULL can only be tested with IS NULL or IS NOT NULL, found "_s
                                     + describe(token),
                                 token.position));
                return false;
            }
            if (!stringOnly && (token.isKeyword("TRUE"_L1) || token.isKeyword("FALSE"_L1))) {
                value.value = token.isKeyword("TRUE"_L1);
                break;
            }
            [[fallthrough]];
        default: fail(expected(stringOnly ? u"a string"_s : u"a value"_s, after)); return false;
        }
        take();
        node.values.append(std::move(value));
        return true;
    }

    // Integers that fit are qint64, everything else a double; `text` keeps the digits so that
    // a NUMERIC column can still be compared exactly.
    bool convertNumber(const Token &token, FilterValue &value)
    {
        const bool integral =
            !token.text.contains(u'.') && !token.text.contains(u'e') && !token.text.contains(u'E');
        bool ok = false;
        if (integral) {
            const qint64 integer = token.text.toLongLong(&ok);
            if (ok) {
                value.value = integer;
                return true;
            }
        }
        const double real = token.text.toDouble(&ok);
        if (!ok || !qIsFinite(real)) {
            fail(syntaxError(Parameter, u"number out of range "_s + describe(token),
                             token.position));
            return false;
        }
        value.value = real;
        return true;
    }

    const QString &m_source;
    const QList<Token> m_tokens;
    qsizetype m_index = 0;
    int m_depth = 0;
    std::optional<Error> m_error;
};

} // namespace

Result<FilterExpr> parseFilter(const QString &text)
{
    if (text.size() > MaxFilterLength) {
        Error error = Error::badRequest(u"Invalid filter: "_s + QString::number(text.size())
                                        + u" characters is above the maximum length of "_s
                                        + QString::number(MaxFilterLength));
        error.context.insert(u"position"_s, int(MaxFilterLength + 1));
        return error;
    }
    auto tokens = tokenize(text, Parameter);
    if (!tokens)
        return tokens.error();
    if (tokens->size() == 1) // only End: a blank filter
        return FilterExpr();
    return FilterParser(text, std::move(tokens).value()).parse();
}

QString filterOpName(FilterOp op)
{
    switch (op) {
    case FilterOp::Eq: return u"="_s;
    case FilterOp::NotEq: return u"!="_s;
    case FilterOp::Gt: return u">"_s;
    case FilterOp::Ge: return u">="_s;
    case FilterOp::Lt: return u"<"_s;
    case FilterOp::Le: return u"<="_s;
    case FilterOp::In: return u"IN"_s;
    case FilterOp::NotIn: return u"NOT IN"_s;
    case FilterOp::Like: return u"LIKE"_s;
    case FilterOp::NotLike: return u"NOT LIKE"_s;
    case FilterOp::Between: return u"BETWEEN"_s;
    case FilterOp::NotBetween: return u"NOT BETWEEN"_s;
    case FilterOp::IsNull: return u"IS NULL"_s;
    case FilterOp::IsNotNull: return u"IS NOT NULL"_s;
    case FilterOp::Contains: return u"CONTAINS"_s;
    case FilterOp::StartsWith: return u"STARTS WITH"_s;
    case FilterOp::EndsWith: return u"ENDS WITH"_s;
    }
    return QString();
}

} // namespace sluice
