#include "http/connectionadmission.h"

namespace sluice {

ConnectionRefusals &connectionRefusals()
{
    static ConnectionRefusals refusals;
    return refusals;
}

bool ConnectionAdmission::admit(const QHostAddress &address)
{
    if (m_maxPerAddress <= 0)
        return true;
    std::lock_guard lock(m_lock);
    int &open = m_open[address];
    if (open >= m_maxPerAddress) {
        if (open == 0)
            m_open.remove(address);
        return false;
    }
    ++open;
    return true;
}

void ConnectionAdmission::release(const QHostAddress &address)
{
    if (m_maxPerAddress <= 0)
        return;
    std::lock_guard lock(m_lock);
    const auto it = m_open.find(address);
    if (it == m_open.end())
        return;
    if (--it.value() <= 0)
        m_open.erase(it);
}

} // namespace sluice
