#include "http/laterreply.h"

namespace sluice {

void LaterReply::adopt(HttpReply &reply)
{
    m_reply = std::move(reply);
    reply = HttpReply();
    reply.later = shared_from_this();
}

void LaterReply::then(Step step)
{
    const auto self = shared_from_this(); // a step may drop the last other reference
    if (m_cancelled)
        return;
    if (m_finished) {
        step(m_reply);
        return;
    }
    m_steps.push_back(std::move(step));
}

void LaterReply::finish(const std::function<void(HttpReply &)> &complete)
{
    if (m_cancelled || m_finished)
        return;
    const auto self = shared_from_this(); // a step may drop the last other reference
    complete(m_reply);
    m_finished = true;
    // A step may cancel (the connection closes while writing): stop there.
    for (std::size_t i = 0; i < m_steps.size() && !m_cancelled; ++i)
        m_steps[i](m_reply);
    m_steps.clear();
}

void LaterReply::cancel()
{
    m_cancelled = true;
    m_steps.clear();
}

} // namespace sluice
