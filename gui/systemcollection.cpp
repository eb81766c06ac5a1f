#include "gui/systemcollection.h"

#include "core/paths.h"
#include "gui/appcontroller.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Every live collection (GUI thread only): a change one page makes reaches the other pages that
// show the same collection, such as a new role in the keys page's role list and in "View as".
QList<SystemCollection *> &liveCollections()
{
    static QList<SystemCollection *> collections;
    return collections;
}

} // namespace

SystemCollection::SystemCollection(QObject *parent)
    : QObject(parent)
    , m_items(new JsonListModel({}, this))
{
    liveCollections().append(this);
}

SystemCollection::~SystemCollection()
{
    liveCollections().removeOne(this);
}

void SystemCollection::reloadEverywhere()
{
    for (SystemCollection *other : std::as_const(liveCollections())) {
        if (other->m_collection == m_collection && !other->m_building)
            other->reload();
    }
}

void SystemCollection::componentComplete()
{
    m_building = false;
    reload();
}

void SystemCollection::setCollection(const QString &collection)
{
    if (collection == m_collection)
        return;
    m_collection = collection;
    Q_EMIT collectionChanged();
    reload();
}

void SystemCollection::setKeys(const QStringList &keys)
{
    if (keys == m_keys)
        return;
    m_keys = keys;
    // Roles are fixed per model; new keys make a new one. Views still holding the old one let
    // go of it on itemsReplaced, before it is deleted.
    m_items->deleteLater();
    m_items = new JsonListModel(keys, this);
    Q_EMIT itemsReplaced();
    Q_EMIT collectionChanged();
    reload();
}

void SystemCollection::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    Q_EMIT collectionChanged();
    reload();
}

QString SystemCollection::itemPath(const QString &id) const
{
    return u"/api/v1/system/"_s + m_collection + u'/' + pathSegment(id);
}

void SystemCollection::setError(const QString &error)
{
    if (error != m_error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void SystemCollection::send(HttpMethod method, const QString &path, const QJsonValue &body,
                            const std::function<void(const QJsonValue &)> &done)
{
    LocalApi *api = AppController::api();
    if (!api || m_collection.isEmpty())
        return;
    if (m_pending++ == 0)
        Q_EMIT busyChanged();
    api->call(method, path, body, this, [this, done](const LocalReply &reply) {
        if (--m_pending == 0)
            Q_EMIT busyChanged();
        if (!reply.ok()) {
            setError(reply.errorMessage());
            return;
        }
        setError({});
        done(reply.body);
    });
}

void SystemCollection::reload()
{
    if (m_keys.isEmpty() || m_building)
        return;
    const QString path =
        u"/api/v1/system/"_s + m_collection + (m_query.isEmpty() ? QString() : u'?' + m_query);
    send(HttpMethod::Get, path, QJsonValue::Undefined, [this](const QJsonValue &body) {
        const QJsonArray rows = body[u"resource"_s].toArray();
        m_items->reset(rows);
        m_total = body[u"meta"_s][u"total"_s].toInt(int(rows.size()));
        Q_EMIT loaded();
    });
}

void SystemCollection::create(const QVariantMap &body)
{
    send(HttpMethod::Post, u"/api/v1/system/"_s + m_collection, QJsonObject::fromVariantMap(body),
         [this](const QJsonValue &answer) {
             Q_EMIT created(answer.toObject().toVariantMap());
             reloadEverywhere();
         });
}

void SystemCollection::replace(const QString &id, const QVariantMap &body)
{
    send(HttpMethod::Put, itemPath(id), QJsonObject::fromVariantMap(body),
         [this, id](const QJsonValue &) {
             Q_EMIT changed(id);
             reloadEverywhere();
         });
}

void SystemCollection::patch(const QString &id, const QVariantMap &body)
{
    send(HttpMethod::Patch, itemPath(id), QJsonObject::fromVariantMap(body),
         [this, id](const QJsonValue &) {
             Q_EMIT changed(id);
             reloadEverywhere();
         });
}

void SystemCollection::remove(const QString &id)
{
    send(HttpMethod::Delete, itemPath(id), QJsonValue::Undefined, [this, id](const QJsonValue &) {
        Q_EMIT changed(id);
        reloadEverywhere();
    });
}

void SystemCollection::act(const QString &id, const QString &action, const QVariantMap &body)
{
    send(HttpMethod::Post, itemPath(id) + u'/' + action, QJsonObject::fromVariantMap(body),
         [this, id](const QJsonValue &) {
             Q_EMIT changed(id);
             reloadEverywhere();
         });
}

} // namespace sluice
