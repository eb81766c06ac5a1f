#pragma once

#include "core/jsonwriter.h"

namespace sluice {

// The {"resource":[…],"meta":{…}} envelope of every answer that lists rows or items (docs/api.md,
// Conventions), written in one place:
//     EnvelopeWriter envelope(w);
//     envelope.begin();          // {"resource":[
//     … the rows, through w …
//     envelope.beginMeta();      // ],"meta":{
//     … meta members, through w …
//     envelope.end();            // }}
// endResource() closes the array early, for members between it and meta (a procedure's "out").
class EnvelopeWriter
{
public:
    explicit EnvelopeWriter(JsonWriter &w)
        : m_w(w)
    {
    }

    void begin()
    {
        m_w.beginObject();
        m_w.key("resource");
        m_w.beginArray();
        m_inResource = true;
    }
    void endResource()
    {
        if (m_inResource)
            m_w.endArray();
        m_inResource = false;
    }
    void beginMeta()
    {
        endResource();
        m_w.key("meta");
        m_w.beginObject();
    }
    void end()
    {
        m_w.endObject(); // meta
        m_w.endObject();
    }
    // The whole meta when it is the count alone: ],"meta":{"count":n}}
    void endWithCount(qint64 count)
    {
        beginMeta();
        m_w.key("count");
        m_w.integer(count);
        end();
    }
    // No meta at all (listings of names): ]}
    void endWithoutMeta()
    {
        endResource();
        m_w.endObject();
    }

private:
    JsonWriter &m_w;
    bool m_inResource = false;
};

} // namespace sluice
