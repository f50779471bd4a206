{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns',
    )
}}

{#- Every actor and place mention ever landed, with its sentence text, its article's date and
    domain, and the event it takes part in (if any) and in which role. Incremental on the
    run_date partition; a mention missing from a re-run day is kept and marked deleted. -#}

with mentions as (
    {{ landed_rows('stg_raw__mentions') }}
),

articles as (
    {{ landed_rows('stg_raw__articles') }}
),

events as (
    {{ landed_rows('stg_raw__events') }}
),

article_landings as (
    {{ article_landings('articles') }}
),

articles_latest as (
    select
        article_id,
        partition_date,
        published_date,
        domain,
        article_text,
        row_number() over (partition by article_id, partition_date order by fetched_at desc) as row_num
    from articles
),

mentions_latest as (
    select
        *,
        row_number() over (partition by mention_id order by partition_date desc) as row_num
    from mentions
),

event_roles as (
    -- which event of the same sentence the mention takes part in, and as what
    select
        m.mention_id,
        e.event_mention_id,
        case
            when m.mention_kind = 'actor' and (m.actor_id = e.actor1_id or lower(m.surface_text) = lower(e.actor1_name))
                then 'actor1'
            when m.mention_kind = 'actor' and (m.actor_id = e.actor2_id or lower(m.surface_text) = lower(e.actor2_name))
                then 'actor2'
            when
                m.mention_kind = 'location'
                and (m.geonames_id = e.location_geonames_id or lower(m.surface_text) = lower(e.location_name))
                then 'location'
            when
                m.mention_kind = 'location'
                and (m.geonames_id = e.origin_geonames_id or lower(m.surface_text) = lower(e.origin_name))
                then 'origin'
        end as event_role,
        e.event_index
    from mentions_latest as m
    inner join events as e
        on
            m.article_id = e.article_id
            and m.partition_date = e.partition_date
            and m.sentence_index = e.sentence_index
    where m.row_num = 1
),

first_role as (
    select
        mention_id,
        event_mention_id,
        event_role,
        row_number() over (partition by mention_id order by event_index, event_mention_id) as role_rank
    from event_roles
    where event_role is not null
),

enriched as (
    select
        m.mention_id,
        m.article_id,
        m.mention_kind,
        m.surface_text,
        m.resolved_name,
        m.start_offset,
        m.end_offset,
        m.sentence_index,
        m.sentence_start,
        m.sentence_end,
        case
            when m.sentence_start is not null and m.sentence_end > m.sentence_start
                then substring(a.article_text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
        end as sentence,
        m.actor_id,
        m.actor_type,
        m.geonames_id,
        m.latitude,
        m.longitude,
        m.admin1,
        m.country_code,
        m.geo_precision,
        m.is_resolved,
        r.event_mention_id,
        r.event_role,
        a.published_date,
        a.domain,
        m.partition_date,
        coalesce(a.published_date, m.partition_date) as mention_date
    from mentions_latest as m
    left join articles_latest as a
        on m.article_id = a.article_id and m.partition_date = a.partition_date and a.row_num = 1
    left join first_role as r
        on m.mention_id = r.mention_id and r.role_rank = 1
    left join article_landings as landing on m.article_id = landing.article_id
    where
        m.row_num = 1
        and (landing.article_id is null or m.partition_date = landing.last_partition_date)
),

{{ soft_delete_merge('enriched', 'mention_id', 'article_landings') }}

select * from final
