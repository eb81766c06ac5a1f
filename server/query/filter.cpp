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

// One way to write an operator, split into the tokens it is read as: "IS NOT NULL" is three
// words, ">=" one symbol.
struct OperatorSpelling
{
    const FilterOperator *op;
    QList<QLatin1StringView> words;
};

QList<QLatin1StringView> wordsOf(QLatin1StringView spelling)
{
    QList<QLatin1StringView> words;
    qsizetype start = 0;
    for (qsizetype space; (space = spelling.indexOf(u' ', start)) >= 0; start = space + 1)
        words << spelling.sliced(start, space - start);
    words << spelling.sliced(start);
    return words;
}

// Every name and alias of filterOperators(), split once.
const QList<OperatorSpelling> &operatorSpellings()
{
    static const QList<OperatorSpelling> spellings = [] {
        QList<OperatorSpelling> out;
        for (const FilterOperator &op : filterOperators()) {
            for (QLatin1StringView spelling : { op.name, op.alias }) {
                if (!spelling.isEmpty())
                    out.append({ &op, wordsOf(spelling) });
            }
        }
        Q_ASSERT(out.size() <= 32); // parseOperator keeps the candidates in a 32-bit mask
        return out;
    }();
    return spellings;
}

// Whether `token` is `word` of an operator: the same symbol, or the keyword in any case.
bool spells(const Token &token, QLatin1StringView word)
{
    return (token.type == Token::Type::Symbol && token.text == word) || token.isKeyword(word);
}

// "IN, LIKE or BETWEEN".
QString alternatives(const QStringList &words)
{
    if (words.size() < 2)
        return words.join(QString());
    return QStringList(words.first(words.size() - 1)).join(u", "_s) + u" or "_s + words.last();
}

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

        const FilterOperator *op = parseOperator(columnToken);
        if (!op)
            return nullptr;
        node->op = op->op;
        const Token &last = previous(); // the operator's last word, named when a value is missing
        switch (op->operands) {
        case FilterOperands::None: return node;
        case FilterOperands::Value: return parseValue(*node, last, false) ? node : nullptr;
        case FilterOperands::Text: return parseValue(*node, last, true) ? node : nullptr;
        case FilterOperands::List: return parseList(*node, last) ? node : nullptr;
        case FilterOperands::Range: {
            if (!parseValue(*node, last, false))
                return nullptr;
            const Token &low = previous();
            if (!at().isKeyword("AND"_L1))
                return fail(expected(u"AND"_s, low));
            const Token &andToken = take();
            return parseValue(*node, andToken, false) ? node : nullptr;
        }
        }
        return nullptr;
    }

    // Reads the operator after `columnToken` word by word against the spellings of
    // filterOperators(). No spelling is the beginning of another, so the longest run of words
    // that some spelling follows is the operator; a run that stops short names the words that
    // would complete it ("expected NULL after 'IS'").
    const FilterOperator *parseOperator(const Token &columnToken)
    {
        const QList<OperatorSpelling> &spellings = operatorSpellings();
        quint32 live = (quint32(1) << spellings.size()) - 1;
        qsizetype matched = 0;
        for (;;) {
            quint32 next = 0;
            for (qsizetype i = 0; i < spellings.size(); ++i) {
                const QList<QLatin1StringView> &words = spellings.at(i).words;
                if ((live >> i & 1) && words.size() > matched && spells(at(), words.at(matched)))
                    next |= quint32(1) << i;
            }
            if (!next)
                break;
            live = next;
            take();
            ++matched;
        }
        if (matched == 0) {
            const Token &opToken = at();
            if (opToken.type != Token::Type::Word) {
                fail(expected(u"an operator"_s, columnToken));
                return nullptr;
            }
            fail(syntaxError(Parameter, u"unknown operator "_s + describe(opToken),
                             opToken.position));
            return nullptr;
        }
        for (qsizetype i = 0; i < spellings.size(); ++i) {
            if ((live >> i & 1) && spellings.at(i).words.size() == matched)
                return spellings.at(i).op;
        }
        QStringList completions;
        for (qsizetype i = 0; i < spellings.size(); ++i) {
            const QList<QLatin1StringView> &words = spellings.at(i).words;
            if ((live >> i & 1) && words.size() == matched + 1
                && !completions.contains(words.at(matched)))
                completions << words.at(matched);
        }
        fail(expected(alternatives(completions), previous()));
        return nullptr;
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

} // namespace sluice
