{{
    config(
        materialized='incremental',
        unique_key='event_mention_id',
        incremental_strategy='merge',
    )
}}

{#- Every event mention (one sentence's event in one article) with the event it was resolved
    to, its sentence and offsets, and every coded field as the article gave it. -#}

with mentions as (
    select * from {{ ref('int_event_mentions') }}
),

clusters as (
    select * from {{ ref('int_event_clusters') }}
),

{% if is_incremental() %}
-- the mentions this run wrote or re-clustered, found on key columns first: filtering after the
-- join made every wide mention row of the warehouse meet its cluster, every day
touched as (
    select event_mention_id from mentions where batch_id = '{{ batch_id() }}'
    union
    select event_mention_id from clusters where batch_id = '{{ batch_id() }}'
),
{% endif %}

joined as (
    select
        mentions.*,
        clusters.event_id,
        clusters.batch_id as cluster_batch_id
    from mentions
    {% if is_incremental() %}
    inner join touched on mentions.event_mention_id = touched.event_mention_id
    {% endif %}
    left join clusters on mentions.event_mention_id = clusters.event_mention_id
),

final as (
    select
        event_mention_id,
        event_id,
        article_id,
        event_index,
        sentence,
        sentence_index,
        start,
        "end",
        event_type,
        event_mode,
        acled_event_type,
        acled_sub_event_type,
        cameo_root,
        {{ actor_key('actor1_id', 'actor1_name') }} as actor1_key,
        actor1_id,
        actor1_name,
        actor1_type,
        actor1_country_code,
        actor1_backer_country_code,
        actor1_is_resolved,
        {{ actor_key('actor2_id', 'actor2_name') }} as actor2_key,
        actor2_id,
        actor2_name,
        actor2_type,
        actor2_country_code,
        actor2_backer_country_code,
        actor2_is_resolved,
        location_geonames_id as location_id,
        location_name,
        location_admin1 as admin1,
        location_country_code as country_code,
        location_latitude as latitude,
        location_longitude as longitude,
        location_geo_precision as geo_precision,
        origin_geonames_id as origin_location_id,
        origin_name as origin_location_name,
        origin_admin1,
        origin_country_code,
        origin_latitude,
        origin_longitude,
        origin_geo_precision,
        destination_geonames_id as destination_location_id,
        destination_name as destination_location_name,
        destination_admin1,
        destination_country_code,
        destination_latitude,
        destination_longitude,
        destination_geo_precision,
        event_date,
        date_start,
        date_end,
        date_precision,
        fatalities_low,
        fatalities_best,
        fatalities_high,
        fatalities_note,
        source_original,
        modality,
        confidence,
        trigger,
        domain as source_domain,
        published_date,
        reported_at,
        partition_date,
        block_key,
        is_deleted,
        deleted_at,
        '{{ batch_id() }}' as batch_id
    from joined
)

select * from final
