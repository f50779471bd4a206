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
    run_date partition; a mention missing from a re-run day is kept and marked deleted.

    Built to stay inside DuckDB's memory limit at a big day (tens of millions of mentions):
    mentions are streamed once, through joins whose build sides hold only keys and roles. A
    mention brings its sentence from the raw zone; only mentions of parts written before it was
    kept are sliced from their article's text. Each wide relation is read in one place (DuckDB
    materialises a CTE read twice). -#}

with mentions as (
    {{ landed_rows('stg_raw__mentions') }}
),

role_candidates as (
    {{ landed_rows('stg_raw__mentions') }}
),

events as (
    {{ landed_rows('stg_raw__events') }}
),

articles as (
    -- article facts, without the text
    select
        article_id,
        partition_date,
        published as published_date,
        domain,
        fetched_at
    from ({{ landed_rows('stg_raw__articles') }}) as landed
),

legacy_texts as (
    -- texts of the articles whose mentions came without their sentence (older parts)
    select
        article_id,
        partition_date,
        article_text,
        row_number() over (partition by article_id, partition_date order by fetched_at desc) as row_num
    from ({{ landed_rows('stg_raw__articles') }}) as landed
    where exists (
        select 1 from ({{ landed_rows('stg_raw__mentions') }}) as earlier
        where
            earlier.article_id = landed.article_id
            and earlier.partition_date = landed.partition_date
            and earlier.sentence is null
            and earlier.sentence_end > earlier.sentence_start
    )
),

article_landings as (
    {{ article_landings('articles') }}
),

articles_latest as (
    select
        *,
        row_number() over (partition by article_id, partition_date order by fetched_at desc) as row_num
    from articles
),

event_roles as (
    -- which event of the same sentence the mention takes part in, and as what
    select
        m.mention_id,
        m.partition_date,
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
    from role_candidates as m
    inner join events as e
        on
            m.article_id = e.article_id
            and m.partition_date = e.partition_date
            and m.sentence_index = e.sentence_index
),

first_role as (
    select
        mention_id,
        partition_date,
        event_mention_id,
        event_role,
        row_number() over (
            partition by mention_id, partition_date order by event_index, event_mention_id
        ) as role_rank
    from event_roles
    where event_role is not null
),

enriched as (
    -- each article's mentions from its last landing: an article stored again on a later day
    -- replaces its earlier mentions (a mention id is unique within a day's landing)
    select
        m.mention_id,
        m.article_id,
        m.mention_kind,
        m.surface_text,
        m.resolved_name,
        m.start,
        m."end",
        m.sentence_index,
        m.sentence_start,
        m.sentence_end,
        coalesce(
            m.sentence,
            case
                when m.sentence_end > m.sentence_start
                    then substring(t.article_text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
            end
        ) as sentence,
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
    from mentions as m
    left join articles_latest as a
        on m.article_id = a.article_id and m.partition_date = a.partition_date and a.row_num = 1
    left join first_role as r
        on m.mention_id = r.mention_id and m.partition_date = r.partition_date and r.role_rank = 1
    left join legacy_texts as t
        on
            m.sentence is null
            and m.article_id = t.article_id
            and m.partition_date = t.partition_date
            and t.row_num = 1
    left join article_landings as landing on m.article_id = landing.article_id
    where landing.article_id is null or m.partition_date = landing.last_partition_date
),

{{ soft_delete_merge('enriched', 'mention_id', 'article_landings') }}

select * from final
