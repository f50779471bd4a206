{#- One row per publisher domain: what it calls itself, how much it has given us and when. -#}

with articles as (
    select * from {{ ref('dim_articles') }}
),

outcomes as (
    select * from {{ ref('fct_fetch_outcomes') }}
),

site_names as (
    select
        domain,
        site_name,
        row_number() over (partition by domain order by count(*) desc, site_name) as name_rank
    from articles
    where domain is not null and site_name is not null
    group by domain, site_name
),

article_stats as (
    select
        domain,
        count(*) as articles,
        min(published) as first_published,
        max(published) as last_published,
        min(fetched_at) as first_fetched_at,
        max(fetched_at) as last_fetched_at
    from articles
    where domain is not null
    group by domain
),

fetch_stats as (
    select
        url_domain as domain,
        count(*) as urls_discovered,
        sum(case when outcome = 'failed' or outcome = 'refused' then 1 else 0 end) as urls_failed
    from outcomes
    group by url_domain
),

final as (
    select
        a.domain,
        n.site_name,
        cast(a.articles as {{ dbt.type_bigint() }}) as articles,
        cast(coalesce(f.urls_discovered, 0) as {{ dbt.type_bigint() }}) as urls_discovered,
        cast(coalesce(f.urls_failed, 0) as {{ dbt.type_bigint() }}) as urls_failed,
        a.first_published,
        a.last_published,
        a.first_fetched_at,
        a.last_fetched_at
    from article_stats as a
    left join site_names as n on a.domain = n.domain and n.name_rank = 1
    left join fetch_stats as f on a.domain = f.domain
)

select * from final
